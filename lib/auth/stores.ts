/**
 * Storage boundaries of the engine. `lib/auth` declares them; `lib/store` implements them on
 * Prisma and `lib/auth/testing/memory-stores.ts` in memory. Every implementation must pass the
 * contract suite in `lib/store/stores.contract.ts`.
 *
 * Conventions: ids are strings chosen by the engine (UUIDs); times are `Date`; JSON columns are
 * passed as plain objects and stored as text so that one schema serves SQLite, PostgreSQL and
 * MySQL alike.
 */
import type { EmailTokenRow, EmailTokenStore } from "./email-tokens/email-token-store";
import type { ApiKeyRow, ApiKeyStore } from "./apikeys/api-key-store";
import type { UserAdminStore } from "./users/user-admin-store";
import type { ThirdPartyStore } from "./thirdparty/third-party-store";
import type { RoleStore } from "./userroles/role-store";
import type { RevocationStore } from "./session/revocation-store";
import type { AuditStore } from "./audit/audit-store";
import type { UserRow } from "./user-row";
import type { PasswordlessStore } from "./passwordless/passwordless-store";

export type { UserRow };
export type { RoleStore };
export type { ThirdPartyStore };
export type { ApiKeyRow, ApiKeyStore, UserAdminStore };
export type { EmailTokenRow, EmailTokenStore };
export type { PasswordlessStore };

export interface EmailPasswordAccountRow {
  userId: string;
  email: string;
  passwordHash: string;
}

export type CreateEmailPasswordUserResult =
  | { status: "OK"; user: UserRow }
  | { status: "EMAIL_ALREADY_EXISTS_ERROR" };

export interface UserStore {
  /**
   * Creates the user and its email+password account in one transaction. A unique-constraint
   * violation on the email (including one lost to a concurrent sign-up) is returned as
   * EMAIL_ALREADY_EXISTS_ERROR, never thrown.
   */
  createEmailPasswordUser(input: {
    id: string;
    email: string;
    passwordHash: string;
    timeJoined: Date;
  }): Promise<CreateEmailPasswordUserResult>;
  findEmailPasswordAccountByEmail(
    email: string,
  ): Promise<{ user: UserRow; account: EmailPasswordAccountRow } | null>;
  getUserById(id: string): Promise<UserRow | null>;
  /**
   * Marks the user's email verified, but only while `email` is still the user's email (a
   * token sent to an address the user has since left must not verify the new one). False
   * when it is not, or the user does not exist. Already verified counts as true.
   */
  markEmailVerified(userId: string, email: string): Promise<boolean>;
  /** Replaces the password hash of the user's email+password account; false without one. */
  updatePasswordHash(userId: string, passwordHash: string): Promise<boolean>;
  /**
   * Changes the user's email (and that of its email+password account) in one transaction.
   * A different address is unverified from then on; the same address changes nothing.
   */
  updateEmail(userId: string, email: string): Promise<UpdateEmailResult>;
}

export type UpdateEmailResult = { status: "OK" } | { status: "EMAIL_ALREADY_EXISTS_ERROR" } | { status: "UNKNOWN_USER_ID_ERROR" };

export interface SessionRow {
  sessionHandle: string;
  userId: string;
  /** Server-only data; never sent to the browser. */
  sessionData: Record<string, unknown>;
  /** The deployer's payload, re-minted into every refreshed access token. */
  jwtPayload: Record<string, unknown>;
  /** sha256 (hex) of the live refresh token. */
  refreshTokenHash: string;
  /** sha256 (hex) of the token it replaced, kept for the concurrency grace window. */
  previousRefreshTokenHash: string | null;
  /** When the live token replaced the previous one. */
  rotatedAt: Date | null;
  createdAt: Date;
  /** Sliding expiry of the refresh token. */
  expiresAt: Date;
  /** Absolute cap: no refresh succeeds after this, however active the session. */
  absoluteExpiresAt: Date;
  lastActiveAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface SessionStore {
  createSession(row: SessionRow): Promise<void>;
  /** The live session row, or null when it was revoked (deleted) or never existed. */
  getSession(sessionHandle: string): Promise<SessionRow | null>;
  /**
   * Compare-and-swap rotation: applies `next` only if the row's current refresh hash is still
   * `expectedRefreshTokenHash`. Returns false when another request rotated first, or the row is
   * gone. This is what makes concurrent refreshes with one token safe.
   */
  rotateRefreshToken(
    sessionHandle: string,
    expectedRefreshTokenHash: string,
    next: Pick<
      SessionRow,
      "refreshTokenHash" | "previousRefreshTokenHash" | "rotatedAt" | "expiresAt" | "lastActiveAt"
    >,
  ): Promise<boolean>;
  /** Partial update of a live session; false when the session does not exist. */
  updateSession(
    sessionHandle: string,
    patch: Partial<Pick<SessionRow, "sessionData" | "jwtPayload" | "lastActiveAt">>,
  ): Promise<boolean>;
  /** Revocation is deletion. Returns whether a row was deleted. */
  deleteSession(sessionHandle: string): Promise<boolean>;
  /** Deletes every session of the user; returns the deleted handles. */
  deleteSessionsForUser(userId: string): Promise<string[]>;
  /** Handles of the user's sessions whose `expiresAt` is after `now`. */
  listSessionHandlesForUser(userId: string, now: Date): Promise<string[]>;
  /** The user's sessions whose `expiresAt` is after `now`, oldest first. */
  listSessionsForUser(userId: string, now: Date): Promise<SessionRow[]>;
}

export interface SigningKeyRow {
  kid: string;
  algorithm: "RS256" | "EdDSA";
  /** Public key as a JSON Web Key (includes kid, alg, use). */
  publicJwk: Record<string, unknown>;
  /** PKCS#8 PEM of the private key, sealed with the app secret. Never leaves the server. */
  sealedPrivateKey: string;
  createdAt: Date;
  /** After this no new token is signed with the key. */
  signUntil: Date;
  /** After this the key no longer verifies and may be deleted. */
  verifyUntil: Date;
  /**
   * HMAC of every other field under a key derived from the app secret (session/signing-key-mac.ts):
   * a row that fails it is never used. Null on rows written before it existed.
   */
  mac: string | null;
}

export interface SigningKeyStore {
  /** Every key whose `verifyUntil` is after `now`, newest first. */
  listVerifyingKeys(now: Date): Promise<SigningKeyRow[]>;
  /**
   * Inserts the key unless one with the same kid exists; returns whether it was inserted.
   * Scheduled keys have a kid derived from their rotation slot, so when two instances rotate
   * at once the primary key decides and both end up signing with the same key.
   */
  insertKey(row: SigningKeyRow): Promise<boolean>;
  /**
   * Shortens a key's windows (manual rotation, retirement) or writes its MAC (a pre-MAC row that
   * proved itself); false when the kid is unknown. The ring passes the MAC of the row as updated.
   * With `expectedMac` (null included) the row is changed only while its MAC is still that one: a
   * concurrent change elsewhere makes this return false instead of being overwritten.
   */
  updateKeyWindows(
    kid: string,
    update: Partial<Pick<SigningKeyRow, "signUntil" | "verifyUntil" | "mac">>,
    expectedMac?: string | null,
  ): Promise<boolean>;
  /** Removes keys whose `verifyUntil` is at or before `now`. */
  deleteExpiredKeys(now: Date): Promise<number>;
}

export interface Stores {
  users: UserStore;
  sessions: SessionStore;
  signingKeys: SigningKeyStore;
  roles: RoleStore;
  /** Third-party identities (Google, GitHub, OIDC, …) and the users they belong to. */
  thirdParty: ThirdPartyStore;
  emailVerificationTokens: EmailTokenStore;
  passwordResetTokens: EmailTokenStore;
  /** Listing, counting and deleting users (admin API, dashboard, CLI). */
  userAdmin: UserAdminStore;
  /** Recent revocations, shared by every instance (see session/revocation-set.ts). */
  revocations: RevocationStore;
  apiKeys: ApiKeyStore;
  /** The audit log of security events (see audit/audit-recorder.ts). */
  audit: AuditStore;
  /** Passwordless sign-in: devices, codes and passwordless accounts. */
  passwordless: PasswordlessStore;
}
