import type { EngineContext } from "../context";

/**
 * Ends every emailed link that opens the account without its password: password reset links,
 * passkey recovery links, and the passwordless sign-in codes and magic links sent to its address
 * (a code for a verified address signs in to the account that holds it, passwordless/sign-in-up.ts).
 * Called when the password is changed, reset or set by an operator, and when the address
 * changes. A link sent before, to whoever could read the inbox then, would otherwise undo the
 * change; a recovery link with more than a password, since the passkey it adds meets the MFA
 * requirements by itself.
 */
export async function revokeAccountLinks(ctx: EngineContext, userId: string): Promise<void> {
  await ctx.stores.passwordResetTokens.deleteTokensForUser(userId);
  await ctx.stores.webauthnRecoverTokens.deleteTokensForUser(userId);
  await revokeSignInCodes(ctx, userId);
}

/** The passwordless sign-ins under way to the user's address (its codes and magic links). */
async function revokeSignInCodes(ctx: EngineContext, userId: string): Promise<void> {
  const email = (await ctx.stores.users.getUserById(userId))?.email;
  if (email) await ctx.stores.passwordless.deleteDevicesFor({ email });
}
