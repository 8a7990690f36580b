/**
 * Storage for operating on users as a whole: listing, counting, deleting. Declared here,
 * implemented on Prisma in lib/store/prisma-user-admin-store.ts and in memory for unit tests; both
 * pass lib/store/user-admin-store.contract.ts.
 */
import type { RevocationRow } from "./revocation-store";

export type SignInMethod = "emailpassword" | "thirdparty" | "passwordless";

export interface LoginMethodRow {
  recipeId: SignInMethod;
  /** The method's email ("" for a passwordless phone number). */
  email: string;
  /** For a passwordless phone number: the number, E.164. */
  phoneNumber?: string;
  /** For third-party accounts: the provider's id in the config and the user's id there. */
  thirdParty?: { id: string; userId: string };
}

/** A user with every way they can sign in. */
export interface UserSummaryRow {
  id: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
  loginMethods: LoginMethodRow[];
}

export interface UserFilter {
  /** Normalised (lower-case) start of the email; matched literally, `%` and `_` included. */
  emailPrefix?: string;
  /** Only users with an account of this kind. */
  method?: SignInMethod;
}

export interface UserListQuery extends UserFilter {
  /** "newest": by timeJoined then id, descending; "oldest": ascending. */
  order: "newest" | "oldest";
  limit: number;
  /**
   * Keyset cursor: the last user of the previous page. Rows strictly after it in `order` are
   * returned, so a page costs one index range read however deep it is, and users added or
   * removed meanwhile never shift the pages (no duplicate, no gap).
   */
  after?: { timeJoined: Date; id: string };
}

/** When a revocation was made and when it may be forgotten (RevocationRow without its handle). */
export type RevocationTimes = Omit<RevocationRow, "sessionHandle">;

/** The times themselves, or a function the store calls for them once it holds the user's row. */
export type RevocationTimesSource = RevocationTimes | (() => RevocationTimes);

/** The times a source gives, asked now. */
export function revocationTimesOf(source: RevocationTimesSource): RevocationTimes {
  return typeof source === "function" ? source() : source;
}

export interface DeletedUser {
  /** False when there was no such user. */
  didUserExist: boolean;
  /** The sessions deleted with the user, each recorded as revoked. */
  revokedSessionHandles: string[];
  /**
   * Set when nothing was deleted because the user owned an organization when the deletion
   * locked their memberships: one handed to them, or created by them, after the owner succession
   * ran. Deleting them would have left it without an owner; hand it on and delete again.
   */
  stillOwnsOrganizations?: true;
}

export interface UserAdminStore {
  listUsers(query: UserListQuery): Promise<UserSummaryRow[]>;
  countUsers(filter: UserFilter): Promise<number>;
  getUserSummary(userId: string): Promise<UserSummaryRow | null>;
  /**
   * Deletes the user and everything of theirs (accounts, sessions, email tokens, roles) in one
   * transaction, and records a revocation (`revocation`'s times) for each of their sessions in
   * the same transaction. The user's row is locked first where the database locks rows, so a
   * session being written for them at the same time either commits first, and is revoked here,
   * or waits and fails (SessionStore.createSession answers false): no session goes with the
   * cascade unrecorded, whose access token would otherwise pass until it expired.
   * A function for `revocation` is called once the user's row is locked (after any wait for
   * it), just before the revocations are written: other instances sync revocations from a few
   * seconds before the newest `revokedAt` they have seen, so one stamped before a long lock wait
   * could commit behind that mark and never reach them.
   */
  deleteUser(userId: string, revocation: RevocationTimesSource): Promise<DeletedUser>;
  /** Users who joined in [from, to). */
  countUsersJoinedBetween(from: Date, to: Date): Promise<number>;
}
