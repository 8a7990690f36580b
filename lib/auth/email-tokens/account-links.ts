import type { EngineContext } from "../context";

/**
 * Ends every emailed link that opens the account without its password: password reset links and
 * passkey recovery links. Called when the password is changed, reset or set by an operator, and
 * when the address changes. A link sent before, to whoever could read the inbox then, would
 * otherwise undo the change; a recovery link with more than a password, since the passkey it
 * adds meets the MFA requirements by itself.
 */
export async function revokeAccountLinks(ctx: EngineContext, userId: string): Promise<void> {
  await ctx.stores.passwordResetTokens.deleteTokensForUser(userId);
  await ctx.stores.webauthnRecoverTokens.deleteTokensForUser(userId);
}
