import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSession as verifySession, type GetSessionResult, type VerifiedSession } from "../auth/session/session";
import { gatehouse } from "../gatehouse";
import { readCookie } from "../http/cookies";
import { authRedirectPath } from "./auth-redirect";
import { redirectUnverifiedEmail } from "./verify-email-redirect";
import { redirectIncompleteMfa } from "./mfa-redirect";
import type { FactorWithinSeconds } from "../auth/mfa/mfa-validators";

/**
 * Reads the session in a server component, from the access-token cookie and the in-process key
 * cache (no database call unless `checkDatabase`). In a server action use `getActionSession`
 * (lib/next/server-action.ts), which adds the Origin check.
 */
export async function getSession(options: { checkDatabase?: boolean } = {}): Promise<GetSessionResult> {
  const ctx = gatehouse();
  // The one cookie parser (lib/http/cookies.ts): a name sent twice (cookie tossing) reads as absent.
  const token = readCookie((await headers()).get("cookie"), ctx.config.session.accessTokenCookieName);
  return verifySession(ctx, { accessToken: token, checkDatabase: options.checkDatabase });
}

/**
 * The session, or a redirect: to the refresh page when the access token has merely expired
 * (the browser refreshes and comes back), to the sign-in page when there is no session.
 * `redirectToPath` is where the user returns afterwards: the page calling this. A session whose
 * MFA requirements are not met goes to `/auth/mfa` first; `factorWithinSeconds` (step-up, e.g.
 * `{ totp: 300 }`) sends it there too when the factor was not completed that recently.
 */
export async function requireSession(options: {
  redirectToPath: string;
  checkDatabase?: boolean;
  factorWithinSeconds?: FactorWithinSeconds;
}): Promise<VerifiedSession> {
  const session = sessionOrRedirect(await getSession(options), options.redirectToPath);
  // In REQUIRED email-verification mode an unverified user goes to the verify-email page.
  await redirectUnverifiedEmail(session, options);
  await redirectIncompleteMfa(session, options);
  return session;
}

/** Narrows a result to its session, or calls Next's `redirect()` (which throws). */
export function sessionOrRedirect(result: GetSessionResult, redirectToPath: string): VerifiedSession {
  if (result.status === "OK") return result.session;
  redirect(authRedirectPath(result.status, { websiteBasePath: gatehouse().config.websiteBasePath, redirectToPath })!);
}
