import type { GetSessionResult } from "../auth/session/session";
import { safeRedirectPath } from "../auth/safe-redirect";

/**
 * Where a page request without a usable session goes, or null when the session is fine:
 * - expired access token → `{websiteBasePath}/refresh?redirectToPath=…`: only the browser holds
 *   the refresh cookie (its Path is the refresh endpoint), so the refresh page refreshes there
 *   and comes back;
 * - no session (or an invalid token) → `{websiteBasePath}?redirectToPath=…`, the sign-in page.
 *
 * One rule for server components, server actions, getServerSideProps and proxy.ts. The return
 * path goes through `safeRedirectPath` (same-origin paths only), so a crafted URL cannot turn a
 * protected page into an open redirect.
 */
export function authRedirectPath(status: GetSessionResult["status"], input: { websiteBasePath: string; redirectToPath: string }): string | null {
  if (status === "OK") return null;
  const back = encodeURIComponent(safeRedirectPath(input.redirectToPath));
  if (status === "TRY_REFRESH_TOKEN_ERROR") return `${input.websiteBasePath}/refresh?redirectToPath=${back}`;
  return `${input.websiteBasePath}?redirectToPath=${back}`;
}
