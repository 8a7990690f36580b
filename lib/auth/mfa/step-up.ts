import type { EngineContext } from "../context";
import type { VerifiedSession } from "../session/session";
import type { ClaimValidationError } from "../session/claim-validator";
import { factorsSetUpFor } from "./mfa-claim";
import { factorsCompletedWithin, type FactorWithinSeconds } from "./mfa-validators";

/**
 * What the built-in sensitive actions ask of a session (`mfa.stepUpSeconds`): each factor the
 * user has set up, completed that recently. Nothing when MFA is off, step-up is 0, or the user
 * has no second factor (there is nothing to step up with).
 */
export async function builtInStepUp(ctx: EngineContext, userId: string): Promise<FactorWithinSeconds> {
  const { enabled, stepUpSeconds } = ctx.config.mfa;
  if (!enabled || stepUpSeconds === 0) return {};
  const setUp = await factorsSetUpFor(ctx, userId);
  return Object.fromEntries(setUp.map((factorId) => [factorId, stepUpSeconds]));
}

/** The failed step-up check of the session for a built-in sensitive action, or null. */
export async function stepUpErrors(ctx: EngineContext, session: VerifiedSession): Promise<ClaimValidationError[] | null> {
  const required = await builtInStepUp(ctx, session.userId);
  if (Object.keys(required).length === 0) return null;
  const error = factorsCompletedWithin(required, ctx.now()).validate(session.accessTokenPayload["st-mfa"]);
  return error ? [error] : null;
}
