import type { EngineContext } from "../../auth/context";
import { getMfaInfo } from "../../auth/mfa/mfa-info";
import { MFA_CLAIM } from "../../auth/mfa/mfa-claim";
import type { ClaimValidator } from "../../auth/session/claim-validator";
import { json, notFound } from "../respond";
import { answerUnauthorised } from "../session-errors";
import { attachTokens } from "../session-transport";
import { verifyRequestSession, type VerifyRequestOptions } from "../verify-request";

/**
 * The options of every factor endpoint: a session that has not met its MFA requirements must
 * reach these (that is how it meets them); every other global check still applies.
 */
export const FACTOR_ENDPOINT: VerifyRequestOptions = {
  checkDatabase: true,
  overrideGlobalClaimValidators: (globals: ClaimValidator[]) => globals.filter((validator) => validator.id !== MFA_CLAIM),
};

/** PUT /mfa/info (session) → `{status:"OK", factors:{alreadySetup, allowedToSetup, next}, emails, phoneNumbers}`, with fresh tokens. */
export async function handleMfaInfo(ctx: EngineContext, request: Request): Promise<Response> {
  if (!ctx.config.mfa.enabled) return notFound();
  const verified = await verifyRequestSession(ctx, request, FACTOR_ENDPOINT);
  if (!verified.ok) return verified.response;
  const result = await getMfaInfo(ctx, verified.session);
  if (result.status !== "OK") return answerUnauthorised(ctx, request);
  const { tokens, ...body } = result;
  const response = json(body);
  attachTokens(response.headers, ctx.config, tokens, request, ctx.now());
  return response;
}
