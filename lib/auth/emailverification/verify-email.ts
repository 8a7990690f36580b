import type { EngineContext } from "../context";
import { findEmailToken } from "../email-tokens/email-token";
import { logAuthEvent } from "../log";
import { emailVerificationValue } from "./email-verification-claim";

export type VerifyEmailUsingTokenResult =
  { status: "OK"; user: { id: string; email: string } } | { status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" };

/**
 * Uses a verification token up. It verifies only the address it was sent to: if the user has
 * changed email since, the token is spent and nothing is verified. Only an explicit POST gets
 * here (the page asks for a click): link scanners and previews fetch the link with GET.
 *
 * The address is verified before the token is spent, not after: they are separate writes, and
 * spent first, a failure between them (503) left the link dead and the address unverified, so
 * that the retry the 503 asks for was told the link was invalid. Verifying twice changes
 * nothing; of concurrent uses of one link the one whose spend gets the row answers OK.
 */
export async function verifyEmailUsingToken(ctx: EngineContext, token: string, tenantId?: string): Promise<VerifyEmailUsingTokenResult> {
  const store = ctx.stores.emailVerificationTokens;
  // Issued under another tenant: unknown here (email-tokens/email-token.ts).
  const row = await findEmailToken(store, token, tenantId);
  if (!row) return INVALID;
  // Spent all the same when expired, or when the address it names is no longer the user's.
  if (row.expiresAt.getTime() <= ctx.now().getTime() || !(await verifyAddress(ctx, row))) {
    await store.consumeToken(row.tokenHash);
    return INVALID;
  }
  if (!(await store.consumeToken(row.tokenHash))) return INVALID;
  // Any other link still in the user's inbox has nothing left to do.
  await store.deleteTokensForUser(row.userId);
  logAuthEvent(ctx, "email.verified", { userId: row.userId });
  return { status: "OK", user: { id: row.userId, email: row.email } };
}

const INVALID = { status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" } as const;

/**
 * Marks the token's address verified while it is still the user's. A user without an address
 * (its provider did not verify the one it gave) claims it now that it has proven it, unless
 * someone else proved it first (lib/auth/thirdparty/sign-in-up.ts).
 */
async function verifyAddress(ctx: EngineContext, row: { userId: string; email: string }): Promise<boolean> {
  return (await ctx.stores.users.markEmailVerified(row.userId, row.email)) || ctx.stores.thirdParty.claimEmail(row.userId, row.email);
}

/** From the database, not the token: the `st-ev` value (true for a user with no address to verify). False for an unknown user. */
export async function isEmailVerified(ctx: EngineContext, userId: string): Promise<boolean> {
  return emailVerificationValue(ctx, await ctx.stores.users.getUserById(userId));
}
