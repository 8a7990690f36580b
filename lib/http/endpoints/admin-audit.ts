import { getAuditEvents, getAuditEventsForUser, MAX_AUDIT_PAGE_SIZE, type GetAuditEventsInput } from "../../auth/audit/audit-events";
import type { AuditEventRow } from "../../auth/ports/audit-store";
import type { EngineContext } from "../../auth/context";
import type { Endpoint } from "../endpoint";
import { asAdmin } from "../admin-auth";
import { badInput, json } from "../respond";

/**
 * The audit log over the admin API (Gatehouse's own, beyond the FDI), behind an API key or an
 * `admin` session like the rest of it. Newest first, times in milliseconds, keyset pages.
 */

type Handler = Endpoint;

export function auditEventJson(event: AuditEventRow) {
  return {
    id: event.id,
    time: event.time.getTime(),
    type: event.type,
    userId: event.userId,
    ip: event.ip,
    userAgent: event.userAgent,
    detail: event.detail,
  };
}

/** `?limit=` and `?paginationToken=`, checked before any query. */
function readPage(query: URLSearchParams): { ok: true; value: GetAuditEventsInput } | { ok: false; response: Response } {
  const rawLimit = query.get("limit");
  const limit = rawLimit === null ? undefined : Number(rawLimit);
  if (limit !== undefined && (rawLimit === "" || !Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE_SIZE)) {
    return { ok: false, response: badInput(`limit: a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}`) };
  }
  return { ok: true, value: { limit, paginationToken: query.get("paginationToken") ?? undefined } };
}

async function page(ctx: EngineContext, userId: string | undefined, query: URLSearchParams): Promise<Response> {
  const input = readPage(query);
  if (!input.ok) return input.response;
  const result = userId === undefined ? await getAuditEvents(ctx, input.value) : await getAuditEventsForUser(ctx, userId, input.value);
  if (result.status !== "OK") return badInput("paginationToken: not a token from a previous page");
  return json({
    status: "OK",
    events: result.events.map(auditEventJson),
    ...(result.nextPaginationToken && { nextPaginationToken: result.nextPaginationToken }),
  });
}

/** GET /admin/audit-events?limit=&paginationToken=&userId= : every event, or one user's. */
const handleListAuditEvents = asAdmin(async (ctx, request) => {
  const query = new URL(request.url).searchParams;
  const userId = query.get("userId") ?? undefined;
  if (userId !== undefined && (userId.length === 0 || userId.length > 191)) return badInput("userId: 1 to 191 characters");
  return page(ctx, userId, query);
});

/**
 * GET /admin/users/:userId/audit-events?limit=&paginationToken= : one user's events. A deleted
 * user's events are still answered (that is when they matter), so an unknown id is no 404.
 */
const handleUserAuditEvents = asAdmin(async (ctx, request, params) => {
  if (params.userId.length > 191) return badInput("userId: at most 191 characters");
  return page(ctx, params.userId, new URL(request.url).searchParams);
});

/** Spread into the route table (lib/http/routes.ts). */
export const ADMIN_AUDIT_ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/admin/audit-events": { GET: handleListAuditEvents },
  "/admin/users/:userId/audit-events": { GET: handleUserAuditEvents },
};
