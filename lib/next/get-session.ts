import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getSession as verifySession, type GetSessionResult, type VerifiedSession } from "../auth/session/session";
import { gatehouse } from "../gatehouse";
import { ACCESS_TOKEN_COOKIE } from "../http/session-transport";
import { safeRedirectPath } from "./safe-redirect";

/**
 * Reads the session in a server component or server action, from the access-token cookie and
 * the in-process key cache (no database call unless `checkDatabase`).
 */
export async function getSession(options: { checkDatabase?: boolean } = {}): Promise<GetSessionResult> {
  const token = (await cookies()).get(ACCESS_TOKEN_COOKIE)?.value;
  return verifySession(gatehouse(), { accessToken: token, checkDatabase: options.checkDatabase });
}

/**
 * The session, or a redirect: to the refresh page when the access token has merely expired
 * (the browser refreshes and comes back), to the sign-in page when there is no session.
 * `redirectToPath` is where the user returns afterwards: the page calling this.
 */
export async function requireSession(options: { redirectToPath: string; checkDatabase?: boolean }): Promise<VerifiedSession> {
  const result = await getSession(options);
  if (result.status === "OK") return result.session;
  const { websiteBasePath } = gatehouse().config;
  const back = encodeURIComponent(safeRedirectPath(options.redirectToPath));
  if (result.status === "TRY_REFRESH_TOKEN_ERROR") redirect(`${websiteBasePath}/refresh?redirectToPath=${back}`);
  redirect(`${websiteBasePath}?redirectToPath=${back}`);
}
