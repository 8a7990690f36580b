import type { EngineContext } from "../context";
import type { VerifiedSession } from "../session/session";
import { tenantOfPayload } from "../organizations/tenants";
import { completedFactorsOf, mfaStateFor } from "./mfa-claim";

/**
 * Whether the session may set up or remove factors. A session that meets its requirements may. One
 * that does not may only set up a first factor: otherwise a stolen password would be enough to
 * add the thief's own authenticator and walk past the one the user has.
 *
 * The requirements are worked out now, from the factors the session completed, not read from the
 * token's `v`: that was worked out when the token was issued, up to its lifetime ago. A session
 * signed in before its owner set up an authenticator elsewhere still says `v: true` until its
 * next refresh, and must not remove that authenticator, nor add its own beside it, meanwhile.
 */
export async function mayChangeFactors(ctx: EngineContext, session: VerifiedSession, change: "setup" | "remove"): Promise<boolean> {
  if (!ctx.config.mfa.enabled) return true;
  const payload = session.accessTokenPayload;
  const state = await mfaStateFor(ctx, session.userId, completedFactorsOf(payload), tenantOfPayload(payload));
  if (state.met) return true;
  return change === "setup" && state.setUp.length === 0;
}
