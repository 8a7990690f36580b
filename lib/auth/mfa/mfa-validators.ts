/**
 * The checks on the `st-mfa` claim that withSession / requireSession run: the requirements are
 * met (every request, when MFA is on), and step-up (a factor completed recently).
 */
import type { ResolvedConfig } from "../config";
import type { ClaimValidationError, ClaimValidator } from "../session/claim-validator";
import { completedFactorsOf, MFA_CLAIM } from "./mfa-claim";

/** Passes when the claim's `v` is true. The reason is SuperTokens' hasCompletedMFARequirementsForAuth one. */
export const mfaCompletedValidator: ClaimValidator<boolean> = {
  id: MFA_CLAIM,
  validate(value) {
    if (value === true) return undefined;
    if (value === undefined) return { id: MFA_CLAIM, reason: { message: "MFA info not available in payload" } };
    return { id: MFA_CLAIM, reason: { message: "not all required factors have been completed" } };
  },
};

/** The MFA validators every verified request runs: the requirements met, when MFA is on. */
export function globalMfaValidators(config: ResolvedConfig): ClaimValidator[] {
  return config.mfa.enabled ? [mfaCompletedValidator as ClaimValidator] : [];
}

/** Step-up: how recently each factor must have been completed, in seconds. */
export type FactorWithinSeconds = Record<string, number>;

/**
 * Passes when each listed factor was completed in this session within its number of seconds of
 * `now`. Reads the whole claim (`c`), not only `v`. A failure names the factor, so the page can
 * send the user to complete it again and come back.
 */
export function factorsCompletedWithin(required: FactorWithinSeconds, now: Date): ClaimValidator<unknown> {
  return {
    id: MFA_CLAIM,
    readsWholeClaim: true,
    validate(claim): ClaimValidationError | undefined {
      const completed = completedFactorsOf({ [MFA_CLAIM]: claim });
      const nowSeconds = Math.floor(now.getTime() / 1000);
      for (const [factorId, seconds] of Object.entries(required)) {
        const at = completed[factorId];
        // Asked as "within", not "not past": a number of seconds that is no number (NaN) then
        // fails closed, where every comparison with it being false let any factor through.
        if (at === undefined || !(nowSeconds - at <= seconds)) {
          return {
            id: MFA_CLAIM,
            reason: { message: "factor not completed recently enough", expectedValue: { factorId, withinSeconds: seconds }, actualValue: at ?? null },
          };
        }
      }
      return undefined;
    },
  };
}

/** The factor a failed step-up check asks for, or undefined for any other error. */
export function stepUpFactorOf(errors: ClaimValidationError[]): string | undefined {
  for (const error of errors) {
    const expected = error.reason.expectedValue as { factorId?: unknown } | undefined;
    if (error.id === MFA_CLAIM && typeof expected?.factorId === "string") return expected.factorId;
  }
  return undefined;
}
