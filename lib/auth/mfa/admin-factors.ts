/** An admin's view and reset of a user's second factors (the user lost the phone and the codes). */
import type { EngineContext } from "../context";
import { assertIdArgument } from "../id-argument";
import { logAuthEvent } from "../log";
import { noticeFactorChange } from "./factor-notice";

export interface UserFactors {
  devices: { name: string; verified: boolean; createdAt: Date }[];
  recoveryCodesLeft: number;
}

export async function getUserFactors(ctx: EngineContext, userId: string): Promise<UserFactors> {
  assertIdArgument(userId, "getUserFactors: userId");
  const devices = await ctx.stores.mfa.listTotpDevices(userId);
  return {
    devices: devices.map(({ name, verified, createdAt }) => ({ name, verified, createdAt })),
    recoveryCodesLeft: await ctx.stores.mfa.countRecoveryCodes(userId),
  };
}

/**
 * Removes every device and recovery code of the user: their next sign-in needs no second factor
 * unless one is required of everyone (then they set one up). Audited, and the user is emailed.
 * Throws INVALID_ARGUMENT for a user id that is not a non-empty string: the database reads an
 * undefined one as no condition, and every user's authenticators and codes went.
 */
export async function resetUserFactors(ctx: EngineContext, userId: string): Promise<{ devices: number; recoveryCodes: number }> {
  assertIdArgument(userId, "resetUserFactors: userId");
  const devices = await ctx.stores.mfa.deleteTotpDevicesForUser(userId);
  const recoveryCodes = await ctx.stores.mfa.deleteRecoveryCodesForUser(userId);
  if (devices + recoveryCodes > 0) {
    logAuthEvent(ctx, "mfa.factor_removed", { userId, reason: "ADMIN_RESET", count: devices }, "warn");
    await noticeFactorChange(ctx, userId, "removed");
  }
  return { devices, recoveryCodes };
}
