import { redirect } from "next/navigation";
import type { EngineContext } from "../auth/context";
import { factorsCompletedWithin, globalMfaValidators, stepUpFactorOf, type FactorWithinSeconds } from "../auth/mfa/mfa-validators";
import type { ClaimValidationError } from "../auth/session/claim-validator";
import type { VerifiedSession } from "../auth/session/session";
import { validateClaims } from "../auth/session/validate-claims";
import { safeRedirectPath } from "../auth/safe-redirect";
import { gatehouse } from "../gatehouse";

/**
 * The failed `st-mfa` checks of a session, or null: its requirements not met (when MFA is on),
 * or a step-up factor not completed recently enough. Every way of reading a session for a page
 * (requireSession, requireActionSession, getSessionSSR, the proxy) asks this, as it asks about
 * the email, so a session without its second factor reads no protected page.
 */
export async function incompleteMfaErrors(
  ctx: EngineContext,
  session: VerifiedSession,
  options: { factorWithinSeconds?: FactorWithinSeconds } = {},
): Promise<ClaimValidationError[] | null> {
  const validators = [...globalMfaValidators(ctx.config)];
  if (options.factorWithinSeconds && Object.keys(options.factorWithinSeconds).length > 0) {
    validators.push(factorsCompletedWithin(options.factorWithinSeconds, ctx.now()));
  }
  const errors = await validateClaims(ctx, session, validators);
  return errors.length === 0 ? null : errors;
}

/** `{websiteBasePath}/mfa`, which comes back to `redirectToPath` once the factor is done; `stepUp` names a factor to do again. */
export function mfaPath(ctx: EngineContext, redirectToPath: string, errors: ClaimValidationError[] = []): string {
  const stepUp = stepUpFactorOf(errors);
  const query = new URLSearchParams({ redirectToPath: safeRedirectPath(redirectToPath), ...(stepUp && { stepUp }) });
  return `${ctx.config.websiteBasePath}/mfa?${query}`;
}

/** Sends a page request whose session lacks its second factor (or a recent one) to the MFA page. */
export async function redirectIncompleteMfa(
  session: VerifiedSession,
  options: { redirectToPath: string; factorWithinSeconds?: FactorWithinSeconds },
): Promise<void> {
  const ctx = gatehouse();
  const errors = await incompleteMfaErrors(ctx, session, options);
  if (errors) redirect(mfaPath(ctx, options.redirectToPath, errors));
}
