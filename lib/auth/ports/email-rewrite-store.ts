/**
 * Rewriting stored addresses into the form they are compared in (`users normalise-emails`):
 * rows written before addresses were normalised (to NFC, with the domain in its Unicode form)
 * must stay reachable. An operator's rare task, so a full scan is fine.
 */

/** A table holding addresses that belong to a user: rewritten with that user, in one transaction. */
export type OwnedEmailTable =
  | "users"
  | "email_password_accounts"
  | "third_party_accounts"
  | "passwordless_accounts"
  | "email_verification_tokens"
  | "password_reset_tokens"
  | "webauthn_recover_tokens";

/** A table holding addresses of no user yet (a code on its way, an invitation, a passkey ceremony). */
export type UnownedEmailTable = "passwordless_devices" | "organization_invitations" | "webauthn_generated_options";

/** One stored address that the rewrite changes; `userId` is null for the unowned tables. */
export interface StoredEmailRow {
  table: OwnedEmailTable | UnownedEmailTable;
  userId: string | null;
  email: string;
}

export type RewriteUserEmailsResult =
  | { status: "OK"; rows: number }
  /** The rewritten `email` is already another user's (their users row, email+password or passwordless account): nothing was changed. */
  | { status: "EMAIL_TAKEN"; email: string; otherUserId: string };

export interface EmailRewriteStore {
  /** Every stored address that `rewrite` changes, across every table that holds one. */
  findEmailsToRewrite(rewrite: (email: string) => string): Promise<StoredEmailRow[]>;
  /**
   * Rewrites every address of `userId` that `rewrite` changes, in one transaction; `dryRun`
   * checks for a taken address and counts, and writes nothing.
   */
  rewriteUserEmails(userId: string, rewrite: (email: string) => string, options?: { dryRun?: boolean }): Promise<RewriteUserEmailsResult>;
  /** Rewrites the addresses of the unowned tables that `rewrite` changes; the number of rows. */
  rewriteUnownedEmails(rewrite: (email: string) => string): Promise<number>;
}
