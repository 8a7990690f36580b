import type { EngineContext } from "../context";
import { pageLimit } from "../page-limit";
import type { AuditCursor, AuditEventRow } from "../ports/audit-store";
import { isCursorId } from "../cursor-id";
import { isStorableTime } from "../storable-time";

/**
 * Reading and purging the audit log (admin API, CLI, server code). Newest first, a page at a
 * time, with an opaque cursor over (time, id): the cost of a page does not grow with its depth,
 * and events recorded during a walk neither repeat nor shift anything.
 */

export const MAX_AUDIT_PAGE_SIZE = 500;
export const DEFAULT_AUDIT_PAGE_SIZE = 100;

/** How often requests may trigger the retention purge, per server instance. */
export const AUDIT_PURGE_INTERVAL_MS = 3600_000;

export interface GetAuditEventsInput {
  /** 1 to 500; others are clamped, and one that is no number (NaN) reads as the default. @default 100 */
  limit?: number;
  /** `nextPaginationToken` of the previous page; absent for the first page. */
  paginationToken?: string;
}

export type GetAuditEventsResult =
  { status: "OK"; events: AuditEventRow[]; nextPaginationToken?: string } | { status: "INVALID_PAGINATION_TOKEN_ERROR" };

function encodeToken(event: AuditCursor): string {
  return Buffer.from(`a|${event.time.getTime()}|${event.id}`, "utf8").toString("base64url");
}

function decodeToken(token: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return null;
  const [tag, ms, ...idParts] = Buffer.from(token, "base64url").toString("utf8").split("|");
  const id = idParts.join("|");
  if (tag !== "a" || !/^-?\d{1,15}$/.test(ms ?? "") || !isStorableTime(Number(ms)) || !isCursorId(id)) return null;
  return { time: new Date(Number(ms)), id };
}

async function getEvents(ctx: EngineContext, userId: string | undefined, input: GetAuditEventsInput): Promise<GetAuditEventsResult> {
  const limit = pageLimit(input.limit, { defaultSize: DEFAULT_AUDIT_PAGE_SIZE, max: MAX_AUDIT_PAGE_SIZE });
  let before: AuditCursor | undefined;
  if (input.paginationToken !== undefined) {
    before = decodeToken(input.paginationToken) ?? undefined;
    if (!before) return { status: "INVALID_PAGINATION_TOKEN_ERROR" };
  }
  // One extra row says whether another page exists, without a second query.
  const rows = await ctx.stores.audit.listEvents({ ...(userId !== undefined && { userId }), limit: limit + 1, before });
  const events = rows.slice(0, limit);
  return { status: "OK", events, ...(rows.length > limit && { nextPaginationToken: encodeToken(events[events.length - 1]) }) };
}

/** Every recorded event, newest first. */
export function getAuditEvents(ctx: EngineContext, input: GetAuditEventsInput = {}): Promise<GetAuditEventsResult> {
  return getEvents(ctx, undefined, input);
}

/** One user's events, newest first; those of a deleted user stay readable until purged. */
export function getAuditEventsForUser(ctx: EngineContext, userId: string, input: GetAuditEventsInput = {}): Promise<GetAuditEventsResult> {
  return getEvents(ctx, userId, input);
}

/** The retention cutoff now, or null when events are kept forever (`retentionDays: 0`). */
export function auditRetentionCutoff(ctx: EngineContext): Date | null {
  const days = ctx.config.auditLog.retentionDays;
  return days === 0 ? null : new Date(ctx.now().getTime() - days * 86_400_000);
}

/**
 * Deletes the events older than the retention (or than `olderThan`, e.g. from the CLI).
 * Returns how many were deleted; 0 when events are kept forever and no date is given.
 */
export async function purgeAuditEvents(ctx: EngineContext, options: { olderThan?: Date } = {}): Promise<number> {
  const cutoff = options.olderThan ?? auditRetentionCutoff(ctx);
  if (!cutoff) return 0;
  const deleted = await ctx.stores.audit.deleteEventsBefore(cutoff);
  if (deleted > 0) ctx.log.info({ event: "audit.purged", count: deleted }, "audit.purged");
  return deleted;
}

/**
 * The retention purge, triggered by requests (serverless has no timers): at most once per hour
 * per instance, after the answer where the host allows (`ctx.waitUntil`). A failed purge is
 * logged and tried again an hour later; it never fails the request that triggered it.
 */
export function purgeAuditEventsIfDue(ctx: EngineContext): Promise<void> {
  if (ctx.config.auditLog.retentionDays === 0 || !ctx.audit.claimPurge(ctx.now(), AUDIT_PURGE_INTERVAL_MS)) return Promise.resolve();
  const purge = purgeAuditEvents(ctx).then(
    () => {},
    (error: unknown) => ctx.log.error({ event: "audit.purge_failed", error: String((error as Error)?.message ?? error) }, "audit.purge_failed"),
  );
  ctx.waitUntil(purge);
  return purge;
}
