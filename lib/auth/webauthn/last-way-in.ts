/**
 * Whether an account's passkeys are its only way in: no password, no provider identity, no
 * passwordless account, and no recovery by email (recover.ts refuses it while MFA is on and a
 * second factor is set up). Removing the last passkey of such an account would shut it for good:
 * only an admin's reset of its factors would open it again. The same holds the other way round:
 * a first authenticator on an account that recovery by email alone opens closes that recovery
 * (onlyRecoveryOpens).
 */
import type { EngineContext } from "../context";
import { factorsSetUpFor } from "../mfa/mfa-claim";

/** Whether the user's second factor rules out recovery by email (MFA on, a factor set up). */
export async function recoveryByEmailClosed(ctx: EngineContext, userId: string): Promise<boolean> {
  return ctx.config.mfa.enabled && (await factorsSetUpFor(ctx, userId)).length > 0;
}

export async function passkeysAreOnlyWayIn(ctx: EngineContext, userId: string): Promise<boolean> {
  const methods = await ctx.stores.thirdParty.getLoginMethods(userId);
  // A user gone has nothing left to shut.
  if (!methods || methods.hasPassword || methods.thirdPartyAccounts.length > 0) return false;
  if ((await ctx.stores.passwordless.getAccountByUserId(userId)) !== null) return false;
  return methods.user.email === null || (await recoveryByEmailClosed(ctx, userId));
}

/**
 * Whether recovery by email is the account's only way in: passkeys on, an address, and no passkey,
 * password, provider identity or passwordless account (a passkey-only account whose last passkey
 * was removed while recovery was open). A first authenticator would close that recovery
 * (recoveryByEmailClosed) and shut the account for good; totp/ refuses it until a passkey is added.
 */
export async function onlyRecoveryOpens(ctx: EngineContext, userId: string): Promise<boolean> {
  if (!ctx.config.webauthn.enabled) return false;
  const methods = await ctx.stores.thirdParty.getLoginMethods(userId);
  if (!methods || methods.user.email === null || methods.hasPassword || methods.thirdPartyAccounts.length > 0) return false;
  if ((await ctx.stores.passwordless.getAccountByUserId(userId)) !== null) return false;
  return (await ctx.stores.webauthn.listCredentials(userId)).length === 0;
}
