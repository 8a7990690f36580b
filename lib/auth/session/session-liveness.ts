import type { EngineContext } from "../context";
import type { SessionRow } from "../ports";

/**
 * Whether a session row is live at `now`: its sliding expiry and its absolute cap both after it.
 * An expired row may still be in the table (nothing deletes it on the dot), and every read by
 * handle answers for it as for a session that does not exist.
 */
export function isSessionLive(row: Pick<SessionRow, "expiresAt" | "absoluteExpiresAt">, now: Date): boolean {
  const at = now.getTime();
  return row.expiresAt.getTime() > at && row.absoluteExpiresAt.getTime() > at;
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
export async function isLiveSession(ctx: Pick<EngineContext, "stores" | "now">, sessionHandle: string, userId: string): Promise<boolean> {
  const row = await ctx.stores.sessions.getSession(sessionHandle);
  return row !== null && row.userId === userId && isSessionLive(row, ctx.now());
}
