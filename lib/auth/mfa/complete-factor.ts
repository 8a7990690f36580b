import type { EngineContext } from "../context";
import { issueAccessToken, type IssuedTokens, type VerifiedSession } from "../session/session";
import { updateJwtPayload } from "../session/update-jwt-payload";
import { isSessionLive } from "../session/session-liveness";
import { completedFactorsOf, withCompletedFactors } from "./mfa-claim";

export type CompleteFactorResult = { status: "OK"; tokens: IssuedTokens } | { status: "UNKNOWN_SESSION_ERROR" };

/**
 * Records in the session that `factorId` was completed now, and re-mints its access token (sent
 * with the answer, so the browser's `st-mfa` claim is fresh at once). The time is kept per factor:
 * step-up (`factorWithinSeconds`) asks how long ago.
 */
export async function completeFactorInSession(ctx: EngineContext, session: VerifiedSession, factorId: string): Promise<CompleteFactorResult> {
  const completedAt = Math.floor(ctx.now().getTime() / 1000);
  const updated = await updateJwtPayload(ctx, session.sessionHandle, (row) =>
    row.userId === session.userId ? withCompletedFactors(row.jwtPayload, { ...completedFactorsOf(row.jwtPayload), [factorId]: completedAt }) : null,
  );
  if (updated.status !== "OK") return updated;
  const { row, jwtPayload } = updated;
  const tokens = await issueAccessToken(ctx, {
    userId: row.userId,
    sessionHandle: row.sessionHandle,
    jwtPayload,
    notAfter: session.accessTokenPayload.exp,
  });
  return { status: "OK", tokens };
}

/** Re-mints the session's access token with its claim worked out again (PUT /mfa/info). */
export async function resyncMfaClaim(ctx: EngineContext, session: VerifiedSession): Promise<CompleteFactorResult> {
  const row = await ctx.stores.sessions.getSession(session.sessionHandle);
  if (!row || row.userId !== session.userId || !isSessionLive(row, ctx.now(), ctx.config.session)) return { status: "UNKNOWN_SESSION_ERROR" };
  const { userId, sessionHandle, jwtPayload } = row;
  return { status: "OK", tokens: await issueAccessToken(ctx, { userId, sessionHandle, jwtPayload, notAfter: session.accessTokenPayload.exp }) };
}
