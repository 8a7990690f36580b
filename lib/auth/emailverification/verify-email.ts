import type { EngineContext } from "../context";
import { consumeEmailToken } from "../email-tokens/email-token";
import { logAuthEvent } from "../log";
import { emailVerificationValue } from "./email-verification-claim";

export type VerifyEmailUsingTokenResult =
  { status: "OK"; user: { id: string; email: string } } | { status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" };

/**
 * Uses a verification token up. It verifies only the address it was sent to: if the user has
 * changed email since, the token is spent and nothing is verified. Only an explicit POST gets
 * here (the page asks for a click): link scanners and previews fetch the link with GET.
 */
export async function verifyEmailUsingToken(ctx: EngineContext, token: string, tenantId?: string): Promise<VerifyEmailUsingTokenResult> {
  // Issued under another tenant: unknown here (email-tokens/email-token.ts).
  const row = await consumeEmailToken(ctx, ctx.stores.emailVerificationTokens, token, tenantId);
  // A user without an address (its provider did not verify the one it gave) claims it now that
  // it has proven it, unless someone else proved it first (lib/auth/thirdparty/sign-in-up.ts).
  const verified =
    row !== null &&
    ((await ctx.stores.users.markEmailVerified(row.userId, row.email)) || (await ctx.stores.thirdParty.claimEmail(row.userId, row.email)));
  if (!row || !verified) return { status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" };
  // Any other link still in the user's inbox has nothing left to do.
  await ctx.stores.emailVerificationTokens.deleteTokensForUser(row.userId);
  logAuthEvent(ctx, "email.verified", { userId: row.userId });
  return { status: "OK", user: { id: row.userId, email: row.email } };
}

/** From the database, not the token: the `st-ev` value (true for a user with no address to verify). False for an unknown user. */
export async function isEmailVerified(ctx: EngineContext, userId: string): Promise<boolean> {
  return emailVerificationValue(ctx, await ctx.stores.users.getUserById(userId));
}
