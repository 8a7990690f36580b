/**
 * What the built-in session claims are made of (email verified, roles, permissions), as a
 * store reads them in the same statement as the row they belong to: a sign-in's account read and
 * a refresh's session read each carry them, so no claim costs a round trip of its own. Types only.
 */
export interface SessionClaimFacts {
  emailVerified: boolean;
  /**
   * Whether the user has an address to verify: their own (`users.email`), or one a provider gave
   * unproven (a third-party identity). A user with neither (a phone-only passwordless user) has
   * nothing to verify, and the `st-ev` claim counts it verified.
   */
  hasEmail: boolean;
  /** The user's roles, sorted. */
  roles: string[];
  /** The permissions of those roles, distinct and sorted. */
  permissions: string[];
}
