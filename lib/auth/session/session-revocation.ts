/**
 * Ending sessions: one (a revocation, or the sign-out of the session a request carries) or every
 * session of a user. Revocation is deletion of the row; other instances learn of it through the
 * revocation set (revocation-set.ts) within `session.revocationSyncIntervalMs`.
 */
import type { EngineContext } from "../context";
import { assertIdArgument } from "../id-argument";
import { logAuthEvent } from "../log";
import type { VerifiedSession } from "./session";

export async function revokeSession(ctx: EngineContext, sessionHandle: string): Promise<boolean> {
  assertIdArgument(sessionHandle, "revokeSession: sessionHandle");
  return endSession(ctx, sessionHandle, "session.revoked");
}

/** Ends the session a request carries (POST /signout): a revocation, logged as a sign-out. */
export async function signOut(ctx: EngineContext, session: VerifiedSession): Promise<void> {
  await endSession(ctx, session.sessionHandle, "session.signout", session.userId);
}

/** The one place a single session is revoked, whoever asks. */
async function endSession(
  ctx: EngineContext,
  sessionHandle: string,
  event: "session.revoked" | "session.signout",
  userId?: string,
): Promise<boolean> {
  // The owner is read first when the caller does not know it: the audit log is per user.
  const owner = userId ?? (await ctx.stores.sessions.getSession(sessionHandle))?.userId;
  // No row (read exactly) is no session to end. Deleted by its handle, another spelling of a
  // live one ("ABC…", "abc… ") took that session's row on MariaDB, whose collation ignores case
  // and pads, while the revocation was recorded under the spelling given: the session's access
  // token, which names the real handle, was still accepted until it expired.
  if (owner === undefined) return false;
  const revoked = await ctx.stores.sessions.deleteSession(sessionHandle);
  if (revoked) logAuthEvent(ctx, event, { sessionHandle, ...(owner && { userId: owner }) });
  return revoked;
}

/**
 * Revokes every session of the user but `keepSessionHandle` ("sign out everywhere else", a
 * password change); returns their handles. Every row within its stored expiry, those a shortened
 * lifetime already ended included (session-liveness.ts): lengthened again later, the lifetime would
 * otherwise bring back a session the user had signed out.
 */
export async function revokeOtherSessionsForUser(ctx: EngineContext, userId: string, keepSessionHandle: string): Promise<string[]> {
  assertIdArgument(userId, "revokeOtherSessionsForUser: userId");
  const others = (await ctx.stores.sessions.listSessionHandlesForUser(userId, ctx.now())).filter((h) => h !== keepSessionHandle);
  for (const handle of others) await revokeSession(ctx, handle);
  return others;
}

/**
 * Revokes one session of the user by its handle (the admin API, "my sessions"); false when the
 * handle is no session of theirs (another user's is answered as an unknown one), true once it is
 * ended (by this call, or by a revocation racing it). Every row within its stored expiry counts,
 * as for revokeOtherSessionsForUser: one a shortened lifetime already ended is left out of the
 * lists, yet a handle known from before (an incident's, a list loaded earlier) must still end it,
 * or a lifetime lengthened again would bring it back.
 */
export async function revokeSessionOfUser(ctx: EngineContext, userId: string, sessionHandle: string): Promise<boolean> {
  assertIdArgument(userId, "revokeSessionOfUser: userId");
  if (!(await ctx.stores.sessions.listSessionHandlesForUser(userId, ctx.now())).includes(sessionHandle)) return false;
  await revokeSession(ctx, sessionHandle);
  return true;
}

/** `reason`, when given, is logged with the revocation (why every session of the user ended). */
export async function revokeAllSessionsForUser(ctx: EngineContext, userId: string, reason?: string): Promise<string[]> {
  assertIdArgument(userId, "revokeAllSessionsForUser: userId");
  const handles = await ctx.stores.sessions.deleteSessionsForUser(userId);
  if (handles.length > 0) logAuthEvent(ctx, "session.revoked", { userId, count: handles.length, ...(reason && { reason }) });
  return handles;
}
