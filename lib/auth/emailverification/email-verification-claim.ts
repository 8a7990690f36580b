import type { ResolvedConfig } from "../config";
import type { ClaimSource } from "../session/claim-source";
import type { ClaimValidator } from "../session/claim-validator";
import { MESSAGE } from "../wire-codes";

/**
 * The FDI's email-verification claim: `st-ev` = `{ v: emailVerified, t: ms }` in the access
 * token, which supertokens-web-js's EmailVerificationClaim reads. Registered in the
 * composition root in both modes (the app can always read it); enforced only in REQUIRED.
 */
export const EMAIL_VERIFICATION_CLAIM = "st-ev";

export const emailVerificationClaimSource: ClaimSource<boolean> = {
  key: EMAIL_VERIFICATION_CLAIM,
  async fetchValue(ctx, userId, known) {
    // A sign-in, sign-up or refresh passes what it has just read or written: no second read.
    if (known?.facts) return known.facts.emailVerified;
    const user = known?.user?.id === userId ? known.user : await ctx.stores.users.getUserById(userId);
    // A user without an email has nothing to verify; there is no such user yet.
    return user ? user.emailVerified : false;
  },
};

/** Passes only for a verified email. The reasons are SuperTokens' BooleanClaim ones. */
export const emailVerifiedValidator: ClaimValidator<boolean> = {
  id: EMAIL_VERIFICATION_CLAIM,
  validate(value) {
    if (value === true) return undefined;
    if (value === undefined) return { id: EMAIL_VERIFICATION_CLAIM, reason: { message: "value does not exist", expectedValue: true } };
    return { id: EMAIL_VERIFICATION_CLAIM, reason: { message: MESSAGE.WRONG_VALUE, expectedValue: true, actualValue: value } };
  },
};

/** The validators every verified request runs unless a route overrides them. */
export function globalClaimValidators(config: ResolvedConfig): ClaimValidator[] {
  return config.emailVerification.mode === "REQUIRED" ? [emailVerifiedValidator] : [];
}
