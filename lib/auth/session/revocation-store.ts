/**
 * Recent revocations, shared by every instance through the database, so that each instance
 * can refuse a revoked session's access token without a database read per request. An entry
 * matters only while an access token minted before the revocation can still be valid, so it
 * expires after one access-token lifetime: the table stays small by construction.
 */
export interface RevocationRow {
  sessionHandle: string;
  revokedAt: Date;
  /** After this, no access token of the session can still be valid; the row may go. */
  expiresAt: Date;
}

export interface RevocationStore {
  /** Records revocations (idempotent per handle: a second revocation keeps one row). */
  recordRevocations(rows: RevocationRow[]): Promise<void>;
  /**
   * Rows revoked at or after `since` that have not expired at `now`, oldest first. `since`
   * undefined means all unexpired rows (a cold instance's first load).
   */
  listRevocations(since: Date | undefined, now: Date): Promise<RevocationRow[]>;
  /** Deletes rows expired at `now`; returns how many. */
  deleteExpiredRevocations(now: Date): Promise<number>;
}
