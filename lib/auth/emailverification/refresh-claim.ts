import type { EngineContext } from "../context";
import { issueAccessToken, type IssuedTokens, type VerifiedSession } from "../session/session";
import type { ClaimValue } from "../session/claim-source";
import { isSessionLive } from "../session/session-liveness";
import { EMAIL_VERIFICATION_CLAIM } from "./email-verification-claim";
import { isEmailVerified } from "./verify-email";

/**
 * Reads the verification state from the database and, when the session's `st-ev` claim says
 * otherwise, re-mints that session's access token (returned as `tokens`, for the HTTP layer
 * to send with its answer). Other devices pick the change up at their next refresh.
 */
export async function refreshEmailVerificationClaim(
  ctx: EngineContext,
  session: VerifiedSession,
): Promise<{ isVerified: boolean; tokens?: IssuedTokens }> {
  const isVerified = await isEmailVerified(ctx, session.userId);
  const current = (session.accessTokenPayload[EMAIL_VERIFICATION_CLAIM] as ClaimValue | undefined)?.v;
  const claimed = ctx.claimSources.some((s) => s.key === EMAIL_VERIFICATION_CLAIM);
  if (!claimed || current === isVerified) return { isVerified };
  const row = await ctx.stores.sessions.getSession(session.sessionHandle);
  if (!row || row.userId !== session.userId || !isSessionLive(row, ctx.now(), ctx.config.session)) return { isVerified };
  const tokens = await issueAccessToken(ctx, {
    userId: row.userId,
    sessionHandle: row.sessionHandle,
    jwtPayload: row.jwtPayload,
    notAfter: session.accessTokenPayload.exp,
  });
  return { isVerified, tokens };
}
