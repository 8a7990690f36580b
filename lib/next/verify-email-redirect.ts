import { redirect } from "next/navigation";
import { emailVerifiedValidator, globalClaimValidators } from "../auth/emailverification/email-verification-claim";
import type { VerifiedSession } from "../auth/session/session";
import { validateClaims } from "../auth/session/session-claims";
import { gatehouse } from "../gatehouse";
import { safeRedirectPath } from "./safe-redirect";

/**
 * In REQUIRED email-verification mode, sends a page request whose session has no verified
 * email to `{websiteBasePath}/verify-email`, which comes back to `redirectToPath` once it is.
 * The claim is read from the access token (or from the database with `checkDatabase`).
 */
export async function redirectUnverifiedEmail(
  session: VerifiedSession,
  options: { redirectToPath: string; checkDatabase?: boolean },
): Promise<void> {
  const ctx = gatehouse();
  if (!globalClaimValidators(ctx.config).includes(emailVerifiedValidator)) return;
  const errors = await validateClaims(ctx, session, [emailVerifiedValidator], { fromDatabase: options.checkDatabase });
  if (errors.length === 0) return;
  const back = encodeURIComponent(safeRedirectPath(options.redirectToPath));
  redirect(`${ctx.config.websiteBasePath}/verify-email?redirectToPath=${back}`);
}
