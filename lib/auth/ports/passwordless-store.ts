/**
 * Storage of passwordless sign-in: the devices (one per started sign-in, kept by the browser
 * that started it), their codes, and the passwordless accounts of users. Implemented on Prisma
 * in lib/store/prisma-passwordless-store.ts and in memory in lib/auth/testing/memory-passwordless-store.ts;
 * both pass lib/store/passwordless-store.contract.ts.
 *
 * Nothing here is a secret in the clear: a device is keyed by the hash of its id, a code by a
 * keyed hash of the typed code and by the hash of its link code (passwordless/codes.ts).
 */
import type { UserRow } from "./user-row";

/** One started sign-in: where its codes went and how many wrong codes it has seen. */
export interface PasswordlessDeviceRow {
  /** sha256 (hex) of the device id: public (it is in the magic link), the device id is not. */
  preAuthSessionId: string;
  /** Exactly one of `email` and `phoneNumber` is set (normalised). */
  email: string | null;
  phoneNumber: string | null;
  /** Codes typed for this device so far (counted before each is compared: a right one counts too, and ends the device). */
  failedAttempts: number;
  createdAt: Date;
}

/** One code sent to a device (a resend adds another; older ones keep working until they expire). */
export interface PasswordlessCodeRow {
  id: string;
  preAuthSessionId: string;
  /** HMAC of the typed code, bound to the device (passwordless/codes.ts). */
  userInputCodeHash: string;
  /** sha256 (hex) of the link code; unique. */
  linkCodeHash: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A user's passwordless login method: the address or number it proved. */
export interface PasswordlessAccountRow {
  userId: string;
  email: string | null;
  phoneNumber: string | null;
}

export type CreatePasswordlessUserResult =
  | { status: "OK"; user: UserRow }
  /** Another user holds the email or number (a concurrent sign-up, or an older user). */
  | { status: "CONTACT_ALREADY_EXISTS" };

export type LinkPasswordlessEmailResult =
  | { status: "OK" }
  /** The user no longer holds this email verified (changed meanwhile, or deleted). */
  | { status: "USER_NOT_ELIGIBLE" }
  /** Another user's passwordless account has this email. */
  | { status: "CONTACT_ALREADY_EXISTS" };

export interface PasswordlessStore {
  /** Stores a new device and its first code. */
  createDevice(device: PasswordlessDeviceRow, code: PasswordlessCodeRow): Promise<void>;
  /** Adds a code to a device; false when the device is gone (consumed or restarted). */
  addCode(code: PasswordlessCodeRow): Promise<boolean>;
  /** The device with all its codes, or null. */
  getDevice(preAuthSessionId: string): Promise<{ device: PasswordlessDeviceRow; codes: PasswordlessCodeRow[] } | null>;
  /** The code with this link-code hash and its device, or null. */
  findCodeByLinkCodeHash(linkCodeHash: string): Promise<{ device: PasswordlessDeviceRow; code: PasswordlessCodeRow } | null>;
  /**
   * Counts one typed code against the device (before it is compared), atomically, unless the
   * device has counted `maxAttempts` already; returns the new count, or null when the device is
   * gone or full. Of concurrent tries at most `maxAttempts` in all are counted; the count
   * returned may include tries that landed meanwhile (never more than `maxAttempts`).
   */
  countAttempt(preAuthSessionId: string, maxAttempts: number): Promise<number | null>;
  /**
   * Deletes the device and its codes. Atomic: of any number of concurrent calls for one device
   * exactly one gets true. This is what makes a code (and its link) work at most once.
   */
  deleteDevice(preAuthSessionId: string): Promise<boolean>;
  /** Deletes every device of this address or number (after a sign-in, the others are moot). */
  deleteDevicesFor(contact: { email: string } | { phoneNumber: string }): Promise<number>;
  /** Deletes devices created at or before `before`; returns how many. */
  deleteDevicesCreatedBefore(before: Date): Promise<number>;

  /** The passwordless account with this email or number, and its user. */
  findAccount(contact: { email: string } | { phoneNumber: string }): Promise<{ account: PasswordlessAccountRow; user: UserRow } | null>;
  /** The user's passwordless account, or null. */
  getAccountByUserId(userId: string): Promise<PasswordlessAccountRow | null>;
  /** Removes the user's passwordless account (a passkey recovery that took an unproven account over); false without one. */
  deleteAccountForUser(userId: string): Promise<boolean>;
  /**
   * Creates the user (whose email, if any, is verified: it was just proven) and its passwordless
   * account in one transaction. Unique violations come back as results, never thrown.
   */
  createPasswordlessUser(input: { user: UserRow; account: PasswordlessAccountRow }): Promise<CreatePasswordlessUserResult>;
  /**
   * Gives an existing user a passwordless account with `email` (or sets the email of the one it
   * has), but only while that user's own email is `email` and verified, checked in the same
   * transaction as the write.
   */
  linkEmailToVerifiedUser(input: { userId: string; email: string }): Promise<LinkPasswordlessEmailResult>;
}
