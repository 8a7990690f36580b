/**
 * Storage of imported users (`gatehouse import`, docs/migrating.md): users written in batches,
 * each batch in one transaction, with where each came from. Implemented on Prisma in
 * lib/store/prisma-import-store.ts and in memory in lib/auth/testing/memory-import-store.ts;
 * both pass lib/store/import-store.contract.ts.
 */

/** One user, ready to store: emails normalised, the password hash in a format Gatehouse verifies. */
export interface ImportUserRecord {
  /** The Gatehouse id a new user gets: the source's own id when it fits, else a new UUID. */
  id: string;
  /** "json", "supertokens", "authjs", "better-auth" or "lucia". */
  source: string;
  /** The user's id in the source; with `source`, what makes a re-run update instead of insert. */
  externalId: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
  /** A hash as imported-hashes/stored-hash-format.ts describes, or null for no password. */
  passwordHash: string | null;
  thirdPartyAccounts: { thirdPartyId: string; thirdPartyUserId: string; email: string }[];
  /** Role names; roles missing in Gatehouse are created (without permissions). */
  roles: string[];
  metadata: Record<string, unknown>;
}

export type ImportConflict =
  /** Another user (not imported from this source under this id) has the email. */
  | "EMAIL_BELONGS_TO_ANOTHER_USER"
  /** The third-party identity already signs in to another user. */
  | "THIRD_PARTY_IDENTITY_BELONGS_TO_ANOTHER_USER"
  /** A user with this id exists that was not imported from this source under this id. */
  | "USER_ID_TAKEN";

export type ImportOutcome =
  | { status: "CREATED"; userId: string }
  /**
   * Imported before (same source and external id): identities, roles and metadata the
   * record adds are added, the email marked verified if the record says so. A password already
   * there is left alone (the user may have changed it, or it may have been upgraded since).
   */
  | { status: "UPDATED"; userId: string }
  | { status: "CONFLICT"; reason: ImportConflict; otherUserId?: string };

export interface ImportedUserInfo {
  userId: string;
  source: string;
  externalId: string;
  importedAt: Date;
  metadata: Record<string, unknown>;
}

/** One user as `gatehouse export` writes it out. */
export interface ExportUserRow {
  id: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
  passwordHash: string | null;
  thirdPartyAccounts: { thirdPartyId: string; thirdPartyUserId: string; email: string }[];
  roles: string[];
  imported: ImportedUserInfo | null;
}

export interface ImportStore {
  /**
   * Stores a batch in one transaction and says what happened to each record, in order. With
   * `dryRun` the same decisions are made and nothing is written. Conflicts are outcomes, never
   * thrown; a record the database refuses makes the batch fall back to one transaction per
   * record, so that it alone fails (thrown errors are returned per record as `Error`).
   */
  importUsers(records: ImportUserRecord[], options: { dryRun: boolean; now: Date }): Promise<(ImportOutcome | Error)[]>;
  /** Import details of these users (those not imported are absent). */
  getImportedUsers(userIds: string[]): Promise<ImportedUserInfo[]>;
  /** Users imported under this external id, from any source. */
  findByExternalId(externalId: string): Promise<ImportedUserInfo[]>;
  /** Every user, ordered by id, `limit` after `afterUserId` (keyset pagination). */
  exportUsers(page: { limit: number; afterUserId?: string }): Promise<ExportUserRow[]>;
}
