/**
 * Rows that only ever expire, deleted. Every sign-out, revocation and theft writes a
 * `session_revocations` row that matters for one access-token lifetime, and every sign-in a
 * `sessions` row that most clients abandon rather than sign out of (a cleared browser, a lost
 * device); every invitation stays a row once it lapsed, was accepted or replaced. Nothing else
 * deletes these, so without this the tables grow with every sign-in and invitation for as long
 * as the app runs.
 */
import type { EngineContext } from "./context";
import type { Stores } from "./ports";

/** How often one instance deletes, at most: as the audit purge, an hour. */
export const EXPIRED_ROWS_INTERVAL_MS = 3_600_000;

/** When each engine (keyed by its stores, which every request's scope shares) last started a run. */
const lastRunAt = new WeakMap<Stores, number>();

/** Deletes what has expired now; returns how many rows of each kind went. */
export async function deleteExpiredRows(ctx: EngineContext): Promise<{ revocations: number; sessions: number; invitations: number }> {
  const now = ctx.now();
  const revocations = await ctx.stores.revocations.deleteExpiredRevocations(now);
  // A session's access tokens expire with it (session.ts and refresh-session.ts cap their exp by
  // its expiry); one access-token lifetime and a minute of clock slack more, as a revocation's
  // row, covers a token minted under another rule. Deleted without a revocation: none of its
  // tokens is valid. By the stored expiry alone: a session ended earlier by a shortened lifetime
  // (session/session-liveness.ts) is known only from rotated_at, last_active_at or created_at, which no index
  // covers, so finding those rows would scan the table every hour. Every read refuses such a
  // session meanwhile, and a refresh that meets it deletes it.
  const margin = (ctx.config.session.accessTokenTtlSeconds + 60) * 1000;
  const sessions = await ctx.stores.sessions.deleteSessionsExpiredBefore(new Date(now.getTime() - margin));
  // An expired invitation opens nothing and is answered as an unknown one (INVITATION_NOT_OPEN):
  // the membership and the audit log keep what an accepted one did.
  const invitations = await ctx.stores.organizations.deleteInvitationsExpiredBefore(now);
  if (revocations > 0 || sessions > 0 || invitations > 0) {
    ctx.log.info({ event: "expired_rows.deleted", revocations, sessions, invitations }, "expired_rows.deleted");
  }
  return { revocations, sessions, invitations };
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
  // Due again after a step back of this instance's clock (an NTP correction) past the last run
  // too, as the revocation set and the key ring are: otherwise none ran for as long as the step.
  if (last !== undefined && Math.abs(now - last) < EXPIRED_ROWS_INTERVAL_MS) return Promise.resolve();
  lastRunAt.set(ctx.stores, now);
  const run = deleteExpiredRows(ctx).then(
    () => {},
    (error: unknown) =>
      ctx.log.error({ event: "expired_rows.delete_failed", error: String((error as Error)?.message ?? error) }, "expired_rows.delete_failed"),
  );
  ctx.waitUntil(run);
  return run;
}
