/** Storage of users and their email+password accounts. */
import type { SessionClaimFacts } from "./session-claim-facts";
import type { UserRow } from "./user-row";

export interface EmailPasswordAccountRow {
  userId: string;
  email: string;
  passwordHash: string;
}

export type CreateEmailPasswordUserResult = { status: "OK"; user: UserRow } | { status: "EMAIL_ALREADY_EXISTS_ERROR" };

export interface UserStore {
  /**
   * Creates the user and its email+password account in one transaction. A unique-constraint
   * violation on the email (including one lost to a concurrent sign-up) is returned as
   * EMAIL_ALREADY_EXISTS_ERROR, never thrown.
   */
  createEmailPasswordUser(input: { id: string; email: string; passwordHash: string; timeJoined: Date }): Promise<CreateEmailPasswordUserResult>;
  /** The account and its user; `facts` too when the store reads them in the same statement (the claims then need no read). */
  findEmailPasswordAccountByEmail(email: string): Promise<{ user: UserRow; account: EmailPasswordAccountRow; facts?: SessionClaimFacts } | null>;
  getUserById(id: string): Promise<UserRow | null>;
  /** The users among `ids` that exist, in no particular order: a page's worth in one read, not one read each. */
  getUsersByIds(ids: string[]): Promise<UserRow[]>;
  /**
   * Marks the user's email verified, but only while `email` is still the user's email (a
   * token sent to an address the user has since left must not verify the new one). False
   * when it is not, or the user does not exist. Already verified counts as true.
   */
  markEmailVerified(userId: string, email: string): Promise<boolean>;
  /** Replaces the password hash of the user's email+password account; false without one. */
  updatePasswordHash(userId: string, passwordHash: string): Promise<boolean>;
  /**
   * Replaces the password hash only while it is still `expectedHash` (compare-and-swap): a
   * re-hash computed from the hash read at sign-in must not undo a password set meanwhile
   * (a reset, a change, an admin). False when the hash has changed or there is no account.
   */
  replacePasswordHash(userId: string, expectedHash: string, passwordHash: string): Promise<boolean>;
  /**
   * Changes the user's email (and that of its email+password account, and of its passwordless
   * account when that signs in by email) in one transaction.
   * A different address is unverified from then on; the same address changes nothing.
   */
  updateEmail(userId: string, email: string): Promise<UpdateEmailResult>;
}

export type UpdateEmailResult = { status: "OK" } | { status: "EMAIL_ALREADY_EXISTS_ERROR" } | { status: "UNKNOWN_USER_ID_ERROR" };
