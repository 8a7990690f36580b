/**
 * Storage of a user's second factors: TOTP devices and recovery codes. Implemented on Prisma in
 * lib/store/prisma-mfa-store.ts and in memory in lib/auth/testing/memory-mfa-store.ts; both pass
 * lib/store/mfa-store.contract.ts.
 *
 * Nothing here is a secret in the clear: a TOTP secret is sealed with a key derived from the app
 * secret (totp/totp-secret.ts), a recovery code is kept as its sha256.
 */
import type { SessionLifetimes } from "./session-store";

/** One TOTP authenticator. `name` is unique per user (the FDI addresses devices by name). */
export interface TotpDeviceRow {
  id: string;
  userId: string;
  name: string;
  sealedSecret: string;
  /** Seconds per code. */
  period: number;
  /** Codes of this many periods before and after the current one are accepted too. */
  skew: number;
  /** False until a first code proved the set-up; an unverified device is no factor. */
  verified: boolean;
  /** The time step of the last accepted code, or null when none was accepted yet. */
  lastUsedStep: number | null;
  createdAt: Date;
}

/** The session a recovery-code set is written under (MfaStore.replaceRecoveryCodes). */
export interface RecoveryCodesSession {
  sessionHandle: string;
  /** The time the session must be live at: the engine's `now`. */
  liveAt: Date;
  /**
   * The session lifetimes configured now, which judge the session beside its stored ends
   * (session/session-liveness.ts). @default none: the stored ends alone (seeding, tests)
   */
  lifetimes?: SessionLifetimes;
}

/** USER_NOT_FOUND: the user was deleted before the write (a set-up racing their deletion); nothing was written. */
export type CreateTotpDeviceResult = { status: "OK" } | { status: "DEVICE_ALREADY_EXISTS_ERROR" } | { status: "USER_NOT_FOUND" };

export interface MfaStore {
  /** Stores a new device; a name the user already has, or a user gone, is a result, never a throw. */
  createTotpDevice(row: TotpDeviceRow): Promise<CreateTotpDeviceResult>;
  /** The user's devices, oldest first. */
  listTotpDevices(userId: string): Promise<TotpDeviceRow[]>;
  /**
   * Records that a code of time step `step` was accepted on the device, and marks the device
   * verified. Compare-and-swap: applied only while the stored step is null or lower than
   * `step`, so of concurrent requests with one code exactly one gets true (replay refusal).
   * False also when the device is gone.
   */
  recordTotpStep(deviceId: string, step: number): Promise<boolean>;
  /** Deletes the user's device of this name; whether one existed. */
  deleteTotpDevice(userId: string, name: string): Promise<boolean>;
  /**
   * Deletes the user's device with this id; whether it existed. By id, where undoing a write
   * must remove what that write made: a device made since under the same name is another one.
   */
  deleteTotpDeviceById(userId: string, deviceId: string): Promise<boolean>;
  /**
   * Deletes the user's devices that are still unverified and were created before `before`; how
   * many. A device verified meanwhile is kept (the condition is part of the delete).
   */
  deleteUnverifiedTotpDevicesCreatedBefore(userId: string, before: Date): Promise<number>;
  /** Deletes every device of the user (an admin's reset); how many. */
  deleteTotpDevicesForUser(userId: string): Promise<number>;

  /**
   * Replaces the user's recovery codes with these hashes in one transaction; whether it did.
   *
   * With `whileSession`, only while that session still exists, is the user's, and is live at
   * `liveAt` (`expiresAt` and `absoluteExpiresAt` both after it, and with `lifetimes` the bounds
   * of session-liveness.ts's isSessionLive too): otherwise nothing changes and the answer is false. The check and the
   * write are one atomic step, and a revocation of the session (its row deleted) is ordered
   * wholly before or wholly after it: a request whose session was revoked after its check
   * writes nothing, and cannot replace a set the owner made since (mfa/recovery-codes.ts).
   * Without it, unconditional and always true (seeding, tests).
   */
  replaceRecoveryCodes(userId: string, codeHashes: string[], createdAt: Date, whileSession?: RecoveryCodesSession): Promise<boolean>;
  /**
   * Deletes the user's code with this hash. Atomic: of concurrent calls with one code exactly
   * one gets true, which is what makes a recovery code single use.
   */
  consumeRecoveryCode(userId: string, codeHash: string): Promise<boolean>;
  /** How many unused recovery codes the user has left. */
  countRecoveryCodes(userId: string): Promise<number>;
  /** Deletes every recovery code of the user; how many. */
  deleteRecoveryCodesForUser(userId: string): Promise<number>;
}
