/**
 * Storage of emailed one-time tokens (password reset, email verification). Only the sha256 of
 * a token is stored, so a leaked table cannot be turned into working links.
 */
export interface EmailTokenRow {
  /** sha256 (hex) of the token sent in the email. */
  tokenHash: string;
  userId: string;
  /** The address the token was sent to; it must still be the user's when the token is used. */
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface EmailTokenStore {
  /**
   * Stores `row` and deletes every other token of the same user, so that only the newest
   * emailed link works. (Two requests racing may both leave a token; both went to the user.)
   * False, with nothing written, when the database's foreign key finds no such user (one
   * deleted since the caller looked them up); a store that keeps no users (the memory one) does
   * not check.
   */
  replaceTokensForUser(row: EmailTokenRow): Promise<boolean>;
  /**
   * Deletes the token and returns it, or null when no such token exists (never issued, used,
   * or replaced). Atomic: of any number of concurrent calls with one hash, exactly one gets
   * the row. Expiry is the caller's to check: an expired token is consumed all the same.
   */
  consumeToken(tokenHash: string): Promise<EmailTokenRow | null>;
  /**
   * The token, left in place, or null. For a flow that checks a link before it is used (passkey
   * recovery asks for options first, then spends the token).
   */
  findToken(tokenHash: string): Promise<EmailTokenRow | null>;
  /** Deletes every token of the user; returns how many there were. */
  deleteTokensForUser(userId: string): Promise<number>;
}
