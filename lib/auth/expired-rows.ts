/**
 * Rows that only ever expire, deleted. Every sign-out, revocation and theft writes a
 * `session_revocations` row that matters for one access-token lifetime; nothing else deletes
 * it, so without this the table (and every instance's first sync, which reads its index) grows
 * with every sign-out for as long as the app runs.
 */
import type { EngineContext } from "./context";
import type { Stores } from "./ports";

/** How often one instance deletes, at most: as the audit purge, an hour. */
export const EXPIRED_ROWS_INTERVAL_MS = 3_600_000;

/** When each engine (keyed by its stores, which every request's scope shares) last started a run. */
const lastRunAt = new WeakMap<Stores, number>();

/** Deletes what has expired now; returns how many rows of each kind went. */
export async function deleteExpiredRows(ctx: EngineContext): Promise<{ revocations: number }> {
  const revocations = await ctx.stores.revocations.deleteExpiredRevocations(ctx.now());
  if (revocations > 0) ctx.log.info({ event: "expired_rows.deleted", revocations }, "expired_rows.deleted");
  return { revocations };
}

/**
 * The deletion, triggered by requests (serverless has no timers): at most once per
 * `EXPIRED_ROWS_INTERVAL_MS` per instance, after the answer where the host allows
 * (`ctx.waitUntil`). A failure is logged and tried again at the next interval; it never fails
 * the request that triggered it.
 */
export function deleteExpiredRowsIfDue(ctx: EngineContext): Promise<void> {
  const now = ctx.now().getTime();
  const last = lastRunAt.get(ctx.stores);
  if (last !== undefined && now - last < EXPIRED_ROWS_INTERVAL_MS) return Promise.resolve();
  lastRunAt.set(ctx.stores, now);
  const run = deleteExpiredRows(ctx).then(
    () => {},
    (error: unknown) =>
      ctx.log.error({ event: "expired_rows.delete_failed", error: String((error as Error)?.message ?? error) }, "expired_rows.delete_failed"),
  );
  ctx.waitUntil(run);
  return run;
}
