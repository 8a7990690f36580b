/**
 * Storage of third-party identities. An identity is keyed by (thirdPartyId, thirdPartyUserId)
 * and never by email; the email is kept only to show and to refresh. Implemented on Prisma in
 * lib/store/prisma-third-party-store.ts and in memory in lib/auth/testing/memory-third-party-store.ts;
 * both pass lib/store/third-party-store.contract.ts.
 */
import type { UserRow } from "./user-row";

export interface ThirdPartyAccountRow {
  id: string;
  userId: string;
  /** The provider's id in the config, e.g. "google". */
  thirdPartyId: string;
  /** The account's id at the provider; compared case-sensitively. */
  thirdPartyUserId: string;
  /** The email the provider gave at the last sign-in (normalised). */
  email: string;
}

/** How a user can sign in: whether a password is set, and each linked provider account. */
export interface LoginMethods {
  user: UserRow;
  hasPassword: boolean;
  thirdPartyAccounts: ThirdPartyAccountRow[];
}

export type CreateThirdPartyUserResult =
  | { status: "OK"; user: UserRow }
  /** A concurrent sign-in created this identity first: read it and sign in to its user. */
  | { status: "ACCOUNT_ALREADY_EXISTS" }
  /** Another user holds the email (a concurrent sign-up, or a new one): decide on linking. */
  | { status: "EMAIL_ALREADY_EXISTS_ERROR" };

export type LinkThirdPartyAccountResult =
  | { status: "OK" }
  | { status: "ACCOUNT_ALREADY_EXISTS" }
  /** The user no longer has this email verified (changed meanwhile, or deleted). */
  | { status: "USER_NOT_ELIGIBLE" };

export interface ThirdPartyStore {
  findAccount(thirdPartyId: string, thirdPartyUserId: string): Promise<{ account: ThirdPartyAccountRow; user: UserRow } | null>;
  /** The user whose primary email is `email` (already normalised), whatever their sign-in methods. */
  findUserByEmail(email: string): Promise<UserRow | null>;
  /**
   * Creates the user and its first third-party account in one transaction: there is never a
   * user without the account, nor an account without the user. Unique violations come back as
   * results, never thrown, so that of concurrent sign-ins with one identity exactly one user is made.
   */
  createThirdPartyUser(input: { user: UserRow; account: Omit<ThirdPartyAccountRow, "userId"> }): Promise<CreateThirdPartyUserResult>;
  /**
   * Adds an account to an existing user, but only while that user's email is still `email` and
   * verified, checked in the same transaction as the insert.
   */
  linkAccountToVerifiedUser(input: {
    userId: string;
    email: string;
    account: Omit<ThirdPartyAccountRow, "userId">;
  }): Promise<LinkThirdPartyAccountResult>;
  /**
   * Gives a user that has no address yet (a provider did not verify the one it gave) `email` as
   * its verified address, once it has proven it. False when the user already has an address,
   * no longer exists, or another user holds `email` (the unique index decides races).
   */
  claimEmail(userId: string, email: string): Promise<boolean>;
  /**
   * Takes `email` away from `userId` when that user holds it without proof: not verified and
   * no password (a third-party user made before unverified provider emails stopped claiming
   * addresses). Checked and written in one statement. True when the address was released; in
   * the same transaction it leaves the holder's passwordless account too (removed when the
   * address was all it had), so that no code to the address signs the holder in any more.
   *
   * `claimant` says what the newcomer proved. `"proof"` (a provider that verified the address, a
   * passwordless code): any such holder loses it. `"sign-up"` (an email+password sign-up, which
   * proves nothing): only a holder whose way in is a provider's identity alone. A holder with a
   * passkey or a passwordless account chose the address as its own and has no less claim to it
   * than the newcomer, so it keeps it: its recovery and verification links go there.
   */
  releaseUnprovenEmail(userId: string, email: string, claimant: "proof" | "sign-up"): Promise<boolean>;
  /** Keeps the provider's latest email on the account (the user's own email is not touched). */
  updateAccountEmail(accountId: string, email: string): Promise<void>;
  getLoginMethods(userId: string): Promise<LoginMethods | null>;
  /** Removes every provider identity of the user (a passkey recovery that took an unproven account over); how many. */
  deleteAccountsForUser(userId: string): Promise<number>;
}
