import type { EngineContext } from "../context";
import type { SessionLifetimes, SessionRow } from "../ports";

/**
 * A session's ends, as the lifetimes configured now judge them. A row stores `expiresAt` and
 * `absoluteExpiresAt` computed with the lifetimes of its creation and last refresh; after a
 * deploy that shortened `session.refreshTokenTtlSeconds` or `absoluteSessionTtlSeconds` (an
 * incident, a policy change), an idle session kept its longer stored ends and could be refreshed
 * long after the new lifetime said it was over. So each end is the earlier of the stored one and
 * what today's lifetime gives: a shorter lifetime reaches every session at once, a longer one
 * never extends a session past what it was given (its next refresh slides it as always).
 *
 * The sliding end counts from the session's last refresh, `rotatedAt` (every rotation writes it,
 * the grace-window retry reuses the rotation that won and its time), or, while it is null, from
 * `lastActiveAt`: `createdAt` itself before the first refresh (a session is created with both the
 * same), and the time of the refresh for a row whose refresh the release before this rule undid
 * (it wrote `rotatedAt` back as null, keeping that refresh's expiry and `lastActiveAt`). Counted
 * from `createdAt`, such a session, refreshed days ago, was refused as idle since its creation,
 * with no lifetime changed. `lastActiveAt` is not read once `rotatedAt` is set: it is what the
 * session lists show as activity, and tying the session's end to it would let later activity
 * move it.
 */
type RowEnds = Pick<SessionRow, "expiresAt" | "absoluteExpiresAt" | "createdAt" | "rotatedAt" | "lastActiveAt">;

/** The session's absolute cap: the stored one, or creation + the current absolute lifetime if earlier. */
export function effectiveAbsoluteExpiry(row: Pick<SessionRow, "absoluteExpiresAt" | "createdAt">, lifetimes: SessionLifetimes): Date {
  return new Date(Math.min(row.absoluteExpiresAt.getTime(), row.createdAt.getTime() + lifetimes.absoluteSessionTtlSeconds * 1000));
}

/**
 * The session's end unless refreshed: the stored sliding expiry, the last refresh (or creation) +
 * the current refresh lifetime, and the absolute cap, whichever is first.
 */
export function effectiveExpiry(row: RowEnds, lifetimes: SessionLifetimes): Date {
  const lastRefreshedAt = (row.rotatedAt ?? row.lastActiveAt).getTime();
  const sliding = Math.min(row.expiresAt.getTime(), lastRefreshedAt + lifetimes.refreshTokenTtlSeconds * 1000);
  return new Date(Math.min(sliding, effectiveAbsoluteExpiry(row, lifetimes).getTime()));
}

/**
 * Whether a session row is live at `now` under the lifetimes configured now (see above).
 * An expired row may still be in the table (nothing deletes it on the dot), and every read by
 * handle answers for it as for a session that does not exist.
 */
export function isSessionLive(row: RowEnds, now: Date, lifetimes: SessionLifetimes): boolean {
  return effectiveExpiry(row, lifetimes).getTime() > now.getTime();
}

/**
 * The same rule as column bounds, for a store's WHERE (no date arithmetic in SQL, which each
 * database spells its own way): a session is live at `at` when `expiresAt` and
 * `absoluteExpiresAt` are after it, `rotatedAt ?? lastActiveAt` is after `refreshedAfter` and
 * `createdAt` after `createdAfter`.
 */
export function lifetimeBounds(at: Date, lifetimes: SessionLifetimes): { refreshedAfter: Date; createdAfter: Date } {
  return {
    refreshedAfter: new Date(at.getTime() - lifetimes.refreshTokenTtlSeconds * 1000),
    createdAfter: new Date(at.getTime() - lifetimes.absoluteSessionTtlSeconds * 1000),
  };
}

/**
 * Whether the row is within its stored ends at `at`, the lifetimes aside: the guard a store's
 * write repeats in its own WHERE (SessionStore.updateSession), after the engine judged the row
 * it read with isSessionLive.
 */
export function isWithinStoredExpiry(row: Pick<SessionRow, "expiresAt" | "absoluteExpiresAt">, at: Date): boolean {
  return row.expiresAt.getTime() > at.getTime() && row.absoluteExpiresAt.getTime() > at.getTime();
}

/**
 * Whether the user's session of this handle still exists and is live, asked once a write made
 * for that session is done: a passkey (webauthn/credentials.ts), an authenticator and its first
 * code (totp/), an invitation (organizations/invitations.ts). (Recovery codes check in the write
 * itself instead, mfa/recovery-codes.ts: their write replaces the user's whole set.)
 * A takeover of an unproven account (users/unproven-account-takeover.ts) revokes every session
 * before it removes these: a write that lands after that revocation passed its session check
 * before it, and only this second look finds the session gone, so the caller undoes the write.
 */
export async function isLiveSession(ctx: Pick<EngineContext, "stores" | "now" | "config">, sessionHandle: string, userId: string): Promise<boolean> {
  const row = await ctx.stores.sessions.getSession(sessionHandle);
  return row !== null && row.userId === userId && isSessionLive(row, ctx.now(), ctx.config.session);
}
