/**
 * Setting up, listing and removing TOTP devices (the FDI's /totp/device endpoints). A new device
 * is unverified until a code from it is checked (verify-totp.ts); only then is it a factor.
 *
 * A device is kept only if the session that set it up still exists once it is written: a
 * takeover of an unproven account (users/unproven-account-takeover.ts) revokes the sessions, then
 * removes the devices. A set-up that passed its session check before and writes after would
 * otherwise leave the registrant's device, whose secret it holds, on the owner's account.
 */
import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import { mayChangeFactors } from "../mfa/may-change-factors";
import { noticeFactorChange } from "../mfa/factor-notice";
import type { VerifiedSession } from "../session/session";
import { isLiveSession } from "../session/session-liveness";
import { newTotpSecret, totpUri } from "./totp-code";
import { sealTotpSecret } from "./totp-secret";
import type { TotpDeviceRow } from "../ports/mfa-store";
import { CODE, MESSAGE } from "../wire-codes";
import { onlyRecoveryOpens } from "../webauthn/last-way-in";

export const MAX_DEVICE_NAME_LENGTH = 128;

/** An unverified device older than this is an abandoned set-up: removed to make room for a new one. */
export const ABANDONED_SETUP_MS = 60 * 60 * 1000;

/** The session's requirements are not met and this change needs them met: 403 `invalid claim`. */
export type MfaRequired = { status: "MFA_REQUIRED" };

/** The session ended while the call ran (revoked, or a takeover): what it wrote is undone; 401 `unauthorised`. */
export type SessionEnded = { status: "UNKNOWN_SESSION_ERROR" };

export type CreateTotpDeviceResult =
  | { status: "OK"; deviceName: string; secret: string; qrCodeString: string }
  | { status: "DEVICE_ALREADY_EXISTS_ERROR" }
  /**
   * Too many unverified devices (`mfa.totp.maxUnverifiedDevices`) or devices (`mfa.totp.maxDevices`), or the last
   * way in (lastWayInRefusal): the FDI's GENERAL_ERROR, whose message clients show.
   */
  | { status: "GENERAL_ERROR"; message: string; code: string }
  | MfaRequired
  | SessionEnded;

/** The FDI's GENERAL_ERROR for a first authenticator that would close recovery by email, the account's last way in. */
export type ClosesLastWayIn = { status: "GENERAL_ERROR"; message: string; code: typeof CODE.LAST_WAY_IN };

/**
 * Refuses a first authenticator on an account that only recovery by email opens (no passkey, no
 * password, no other sign-in: webauthn/last-way-in.ts): while MFA is on, an authenticator ends
 * that recovery, and the account would be shut for good once its session ends. Null where it may
 * go on. Asked when the device is made and again at its first code, since the last passkey may
 * go in between.
 */
export async function lastWayInRefusal(ctx: EngineContext, userId: string, devices: TotpDeviceRow[]): Promise<ClosesLastWayIn | null> {
  if (devices.some((d) => d.verified) || !(await onlyRecoveryOpens(ctx, userId))) return null;
  logAuthEvent(ctx, "mfa.totp_setup_refused", { userId, reason: CODE.LAST_WAY_IN }, "warn");
  return { status: "GENERAL_ERROR", message: MESSAGE.TOTP_CLOSES_LAST_WAY_IN, code: CODE.LAST_WAY_IN };
}

export async function createTotpDevice(
  ctx: EngineContext,
  session: VerifiedSession,
  input: { deviceName?: string },
): Promise<CreateTotpDeviceResult> {
  if (!(await mayChangeFactors(ctx, session, "setup"))) return { status: "MFA_REQUIRED" };
  const { userId } = session;
  const existing = await roomForDevice(ctx, userId);
  if (!Array.isArray(existing)) return setUpRefused(ctx, userId, existing);
  const closes = await lastWayInRefusal(ctx, userId, existing);
  if (closes) return closes;
  // SuperTokens' default names: "TOTP Device 0", "TOTP Device 1", …
  const deviceName = input.deviceName?.trim() || nextDefaultName(existing.map((d) => d.name));
  const { period, skew, issuer } = ctx.config.mfa.totp;
  const secret = newTotpSecret();
  const id = randomUUID();
  const created = await ctx.stores.mfa.createTotpDevice({
    id,
    userId,
    name: deviceName,
    sealedSecret: await sealTotpSecret(ctx.keys, { secret, userId }),
    period,
    skew,
    verified: false,
    lastUsedStep: null,
    createdAt: ctx.now(),
  });
  if (created.status === "USER_NOT_FOUND") {
    // Deleted since the session was checked, and the session with them: answered as a revoked one.
    logAuthEvent(ctx, "mfa.totp_setup_refused", { userId, reason: "SESSION_ENDED" }, "warn");
    return { status: "UNKNOWN_SESSION_ERROR" };
  }
  if (created.status !== "OK") return created;
  if (!(await isLiveSession(ctx, session.sessionHandle, userId))) {
    await ctx.stores.mfa.deleteTotpDeviceById(userId, id);
    logAuthEvent(ctx, "mfa.totp_setup_refused", { userId, reason: "SESSION_ENDED" }, "warn");
    return { status: "UNKNOWN_SESSION_ERROR" };
  }
  // Concurrent set-ups all passed the count above before any was written: counted again now that
  // this one is, and undone past the cap. The last written of them sees every other, so the cap
  // holds; in a close race more than the surplus may be undone, and those users ask again.
  if ((await ctx.stores.mfa.listTotpDevices(userId)).length > ctx.config.mfa.totp.maxDevices) {
    await ctx.stores.mfa.deleteTotpDeviceById(userId, id);
    return setUpRefused(ctx, userId, CODE.TOO_MANY_TOTP_DEVICES);
  }
  const user = await ctx.stores.users.getUserById(userId);
  const qrCodeString = totpUri({ secret, issuer, label: user?.email ?? deviceName, period });
  return { status: "OK", deviceName, secret, qrCodeString };
}

type RoomRefused = typeof CODE.TOTP_SETUPS_UNFINISHED | typeof CODE.TOO_MANY_TOTP_DEVICES;

function setUpRefused(ctx: EngineContext, userId: string, code: RoomRefused): CreateTotpDeviceResult {
  logAuthEvent(ctx, "mfa.totp_setup_refused", { userId, reason: code }, "warn");
  return { status: "GENERAL_ERROR", message: MESSAGE[code], code };
}

/** Why `devices` leave no room for one more: too many unverified, or too many in all; null when they leave room. */
function roomRefused(ctx: EngineContext, devices: TotpDeviceRow[]): RoomRefused | null {
  const { maxUnverifiedDevices, maxDevices } = ctx.config.mfa.totp;
  if (devices.filter((d) => !d.verified).length >= maxUnverifiedDevices) return CODE.TOTP_SETUPS_UNFINISHED;
  return devices.length >= maxDevices ? CODE.TOO_MANY_TOTP_DEVICES : null;
}

/**
 * The user's devices, once there is room for one more; why not, when there is none. Each set-up
 * makes a row before any code proves it, so without caps a signed-in client could fill the table,
 * and each code check tries every verified device. At a cap, abandoned set-ups (unverified for an
 * hour) make way; fresh ones do not, so a set-up in progress is never pulled from under its user.
 * Concurrent set-ups can pass this check together: the unverified cap may be overshot by as many
 * (the next set-up sees them); the cap in all is counted again once written (createTotpDevice).
 */
async function roomForDevice(ctx: EngineContext, userId: string): Promise<TotpDeviceRow[] | RoomRefused> {
  const devices = await ctx.stores.mfa.listTotpDevices(userId);
  const refused = roomRefused(ctx, devices);
  if (!refused) return devices;
  const abandonedBefore = new Date(ctx.now().getTime() - ABANDONED_SETUP_MS);
  if (!devices.some((d) => !d.verified && d.createdAt.getTime() < abandonedBefore.getTime())) return refused;
  await ctx.stores.mfa.deleteUnverifiedTotpDevicesCreatedBefore(userId, abandonedBefore);
  // Read again: a device verified meanwhile was kept by the delete.
  const left = await ctx.stores.mfa.listTotpDevices(userId);
  return roomRefused(ctx, left) ?? left;
}

function nextDefaultName(names: string[]): string {
  for (let i = 0; ; i++) if (!names.includes(`TOTP Device ${i}`)) return `TOTP Device ${i}`;
}

export interface TotpDeviceInfo {
  name: string;
  period: number;
  skew: number;
  verified: boolean;
}

export async function listTotpDevices(ctx: EngineContext, userId: string): Promise<TotpDeviceInfo[]> {
  const devices = await ctx.stores.mfa.listTotpDevices(userId);
  return devices.map(({ name, period, skew, verified }) => ({ name, period, skew, verified }));
}

export type RemoveTotpDeviceResult = { status: "OK"; didDeviceExist: boolean } | MfaRequired;

/** Removing a factor needs the session's requirements met (and, where the route asks, a recent code). */
export async function removeTotpDevice(ctx: EngineContext, session: VerifiedSession, input: { deviceName: string }): Promise<RemoveTotpDeviceResult> {
  if (!(await mayChangeFactors(ctx, session, "remove"))) return { status: "MFA_REQUIRED" };
  const didDeviceExist = await ctx.stores.mfa.deleteTotpDevice(session.userId, input.deviceName);
  if (didDeviceExist) {
    logAuthEvent(ctx, "mfa.factor_removed", { userId: session.userId, method: "totp" });
    await noticeFactorChange(ctx, session.userId, "removed");
  }
  return { status: "OK", didDeviceExist };
}
