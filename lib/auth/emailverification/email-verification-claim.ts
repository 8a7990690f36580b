import type { ResolvedConfig } from "../config";
import type { UserRow } from "../ports";
import type { ClaimSource, ClaimSourceContext } from "../session/claim-source";
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
    if (known?.facts) return known.facts.emailVerified || !known.facts.hasEmail;
    const own = known?.user?.id === userId;
    const user = own ? known!.user! : await ctx.stores.users.getUserById(userId);
    return emailVerificationValue(ctx, user, own ? known?.hasEmail : undefined);
  },
};

/**
 * The `st-ev` value of a user: true for a verified address, and, as in SuperTokens, for a user
 * with no address to verify (a phone-only passwordless user): in REQUIRED mode the claim would
 * otherwise hold them at a verification screen with nothing to send. A provider's unproven
 * address, kept on its identity and not yet the user's, is one to verify
 * (send-verification-email.ts): read only for a user without an address of its own, unless the
 * caller knows (`hasEmail`). False when there is no such user.
 */
export async function emailVerificationValue(ctx: ClaimSourceContext, user: UserRow | null, hasEmail?: boolean): Promise<boolean> {
  if (!user) return false;
  if (user.emailVerified) return true;
  if (user.email !== null) return false;
  if (hasEmail !== undefined) return !hasEmail;
  const methods = await ctx.stores.thirdParty.getLoginMethods(user.id);
  return (methods?.thirdPartyAccounts.length ?? 0) === 0;
}

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
