/**
 * Storage of passkeys (WebAuthn): the users' credentials and the options (with their challenges)
 * of ceremonies under way. Implemented on Prisma in lib/store/prisma-webauthn-store.ts and in
 * memory in lib/auth/testing/memory-webauthn-store.ts; both pass lib/store/webauthn-store.contract.ts.
 * The emailed recovery tokens live in an EmailTokenStore (`Stores.webauthnRecoverTokens`).
 */
import type { UserRow } from "./user-row";

/** One passkey of a user. */
export interface WebauthnCredentialRow {
  /** sha256 (hex) of `credentialId`: the key (case-safe on MySQL). */
  id: string;
  /** The credential id (base64url) as the authenticator made it. */
  credentialId: string;
  userId: string;
  /** The user handle the authenticator keeps with the credential (base64url). */
  userHandle: string;
  /** COSE public key (base64url). */
  publicKey: string;
  /** Signature counter last seen; 0 for authenticators that keep none. */
  counter: number;
  transports: string[];
  rpId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The options of one ceremony, kept server-side until used once or expired. */
export interface WebauthnOptionsRow {
  /** Random (hex): the FDI's `webauthnGeneratedOptionsId`. */
  id: string;
  kind: "register" | "signin";
  /** base64url challenge the browser must sign. */
  challenge: string;
  rpId: string;
  /** Registration: the address of the account the passkey is for. */
  email: string | null;
  /** Registration: the user handle given to the authenticator. */
  userHandle: string | null;
  /** Recovery: the user the recovery token belongs to. */
  userId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export type CreateWebauthnUserResult =
  | { status: "OK"; user: UserRow }
  /** Another user holds the email (whatever their sign-in method). */
  | { status: "EMAIL_ALREADY_EXISTS" }
  /** This credential is registered already. */
  | { status: "CREDENTIAL_ALREADY_EXISTS" };

export type AddWebauthnCredentialResult = { status: "OK" } | { status: "USER_NOT_FOUND" } | { status: "CREDENTIAL_ALREADY_EXISTS" };

export interface WebauthnStore {
  saveOptions(options: WebauthnOptionsRow): Promise<void>;
  /**
   * Deletes the options and returns them, or null when there are none (never made, used, or
   * swept). Atomic: of any number of concurrent calls for one id exactly one gets the row. This
   * is what makes a challenge single-use. Expiry is the caller's to check.
   */
  consumeOptions(id: string): Promise<WebauthnOptionsRow | null>;
  /** Deletes options that expired at or before `before`; returns how many. */
  deleteOptionsExpiredBefore(before: Date): Promise<number>;

  /** Creates the user (email unverified: a passkey proves no address) and its first passkey, in one transaction. */
  createWebauthnUser(input: { user: UserRow; credential: WebauthnCredentialRow }): Promise<CreateWebauthnUserResult>;
  /** Adds a passkey to an existing user. */
  addCredential(credential: WebauthnCredentialRow): Promise<AddWebauthnCredentialResult>;
  /** The passkey with this id (sha256 hex of the credential id) and its user, or null. */
  findCredential(id: string): Promise<{ credential: WebauthnCredentialRow; user: UserRow } | null>;
  /** The user's passkeys, oldest first. */
  listCredentials(userId: string): Promise<WebauthnCredentialRow[]>;
  /**
   * Records a verified use: the new counter and the time. Only while the stored counter is still
   * `expectedCounter`, so that of two concurrent uses with one counter value only one lands
   * (false for the other).
   */
  recordUse(input: { id: string; expectedCounter: number; counter: number; usedAt: Date }): Promise<boolean>;
  /** Renames the user's passkey; false when the user has no such passkey. */
  renameCredential(input: { id: string; userId: string; name: string }): Promise<boolean>;
  /** Deletes the user's passkey; false when the user has no such passkey. */
  deleteCredential(input: { id: string; userId: string }): Promise<boolean>;
}
