/**
 * Whether an account's passkeys are its only way in: no password, no provider identity, no
 * passwordless account, and no recovery by email (recover.ts refuses it while MFA is on and a
 * second factor is set up). Removing the last passkey of such an account would shut it for good:
 * only an admin's reset of its factors would open it again.
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
