/**
 * Recent revocations, shared by every instance through the database, so that each instance
 * can refuse a revoked session's access token without a database read per request. An entry
 * matters only while an access token minted before the revocation can still be valid, so it
 * expires after one access-token lifetime, when lib/auth/expired-rows.ts deletes it: the table
 * stays small.
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
  /**
   * Whether `sessionHandle` has a revocation unexpired at `now`: the set's fallback for the
   * rest of a window in which it was full (see RevocationSet).
   */
  hasRevocation(sessionHandle: string, now: Date): Promise<boolean>;
  /** Deletes rows expired at `now`; returns how many. */
  deleteExpiredRevocations(now: Date): Promise<number>;
  /**
   * Optional push channel (PostgreSQL LISTEN/NOTIFY): revocations recorded by any instance are
   * handed over as they commit, ahead of the next sync. Stores without one rely on the sync.
   */
  subscribe?(handlers: RevocationFeedHandlers): Promise<RevocationSubscription>;
}

export interface RevocationFeedHandlers {
  /** Revocations committed by some instance (this one included), as they happen. */
  onRevoked(rows: RevocationRow[]): void;
  /** (Re)connected: whatever was revoked while the feed was down must come from a sync. */
  onConnected(): void;
  /** Could not connect, or lost the connection; the feed retries by itself after `retryInMs`. */
  onError(error: unknown, retryInMs: number): void;
}

export interface RevocationSubscription {
  /** Stops listening and closes the feed's connection. */
  close(): Promise<void>;
}
