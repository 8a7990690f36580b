import type { SessionClaimFacts, Stores, UserRow } from "../ports";

/**
 * What a claim source reads from: the stores. Every engine context is one; the narrow type keeps
 * this module off context.ts, which holds the claim sources (a type cycle otherwise).
 */
export interface ClaimSourceContext {
  stores: Stores;
}

/** What the caller already knows of the user whose claims are read (nothing on a refresh). */
export interface KnownUser {
  /** The user's row, read or written just now by the same call. */
  user?: UserRow;
  /** The built-in claims' facts, read by the same statement as the account or session (for `userId`). */
  facts?: SessionClaimFacts;
  /** Whether `user` has an address to verify (SessionClaimFacts.hasEmail), as the sign-in that read it knows. */
  hasEmail?: boolean;
}

/**
 * Session claims: values the engine itself keeps in the access token (email verified, roles,
 * permissions), re-read from the database at every sign-in and refresh so a change reaches
 * every session on its next refresh. Each sits under its own key as `{ v, t }` — value and the
 * time it was read, in ms — the shape supertokens-web-js expects (e.g. `st-ev`, `st-role`).
 */
export interface ClaimSource<V = unknown> {
  /** The payload key, e.g. "st-role". Deployer payloads may not use it. */
  key: string;
  /**
   * Reads the current value for a user from the database, or from `known.user` where that holds
   * it: the row a sign-in or sign-up has just read or written, so the user is not read twice.
   */
  fetchValue(ctx: ClaimSourceContext, userId: string, known?: KnownUser): Promise<V>;
}

/** A claim as the access token carries it: the value and when it was read (ms). */
export interface ClaimValue<V = unknown> {
  v: V;
  t: number;
}
