import { redirect } from "next/navigation";
import type { EngineContext } from "../auth/context";
import { emailVerifiedValidator, globalClaimValidators } from "../auth/emailverification/email-verification-claim";
import type { VerifiedSession } from "../auth/session/session";
import type { ClaimValidationError } from "../auth/session/claim-validator";
import { validateClaims } from "../auth/session/validate-claims";
import { gatehouse } from "../gatehouse";
import { safeRedirectPath } from "../auth/safe-redirect";

/**
 * In REQUIRED email-verification mode, the failed email-verification claim of a session whose
 * email is not verified; null when verified or when the mode is not REQUIRED. The claim is read
 * from the access token (or from the database with `checkDatabase`). Every way of reading a
 * session for a page (requireSession, requireActionSession, getSessionSSR, the proxy) asks this,
 * so an unverified user meets the same rule whichever one the deployer picked.
 */
export async function unverifiedEmailErrors(
  ctx: EngineContext,
  session: VerifiedSession,
  options: { checkDatabase?: boolean } = {},
): Promise<ClaimValidationError[] | null> {
  if (!globalClaimValidators(ctx.config).includes(emailVerifiedValidator)) return null;
  const errors = await validateClaims(ctx, session, [emailVerifiedValidator], { fromDatabase: options.checkDatabase });
  return errors.length === 0 ? null : errors;
}

/** `{websiteBasePath}/verify-email`, which comes back to `redirectToPath` once the email is verified. */
export function verifyEmailPath(ctx: EngineContext, redirectToPath: string): string {
  return `${ctx.config.websiteBasePath}/verify-email?redirectToPath=${encodeURIComponent(safeRedirectPath(redirectToPath))}`;
}

/** Sends a page request whose session has no verified email to the verify-email page (REQUIRED mode). */
export async function redirectUnverifiedEmail(session: VerifiedSession, options: { redirectToPath: string; checkDatabase?: boolean }): Promise<void> {
  const ctx = gatehouse();
  if (await unverifiedEmailErrors(ctx, session, options)) redirect(verifyEmailPath(ctx, options.redirectToPath));
}
