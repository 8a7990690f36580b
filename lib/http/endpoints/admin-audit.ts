import { getAuditEvents, getAuditEventsForUser, MAX_AUDIT_PAGE_SIZE, type GetAuditEventsInput } from "../../auth/audit/audit-events";
import type { AuditEventRow } from "../../auth/ports/audit-store";
import type { EngineContext } from "../../auth/context";
import type { Endpoint } from "../endpoint";
import { asAdmin } from "../admin-auth";
import { readWholeNumberParam } from "../parse";
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
  const limit = readWholeNumberParam(query, "limit", { min: 1, max: MAX_AUDIT_PAGE_SIZE });
  if (!limit.ok) return limit;
  return { ok: true, value: { limit: limit.value, paginationToken: query.get("paginationToken") ?? undefined } };
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
