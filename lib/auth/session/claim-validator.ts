/*
 * Types only: the claim modules (role-claims.ts, email-verification-claim.ts) declare
 * validators, and validate-claims.ts runs them.
 */
import type { ClaimSourceContext } from "./claim-source";

/** One failed check, in the FDI's `claimValidationErrors` shape. */
export interface ClaimValidationError {
  id: string;
  reason: { message: string; expectedValue?: unknown; actualValue?: unknown; expectedToInclude?: unknown; includes?: unknown };
}

/** A requirement on one claim, checked by withSession / requireSession. */
export interface ClaimValidator<V = unknown> {
  /** The claim's key. */
  id: string;
  /**
   * Hand `validate` the claim as the token carries it rather than its `v` (the `st-mfa` claim's
   * step-up check reads its `c`). Such a validator reads the token, even with `checkDatabase`.
   */
  readsWholeClaim?: boolean;
  /**
   * How `checkDatabase` reads the value now, for a claim that depends on the session as well as
   * the user and so has no claim source: `gh-org`, the role in the organization the session's
   * `tId` names. Without it (and without a claim source) the token's value is checked.
   */
  fetchFromDatabase?(ctx: ClaimSourceContext, userId: string, payload: Record<string, unknown>): Promise<V>;
  /** An error when the value does not satisfy the requirement, else undefined. */
  validate(value: V | undefined): ClaimValidationError | undefined;
}
