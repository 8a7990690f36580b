import { safeRedirectPath } from "../auth/safe-redirect";

/**
 * Where to go once the email is verified. The emailed link opens in a new tab that knows
 * nothing of the page the user was sent from, so that page is remembered in this browser.
 */
const KEY = "gatehouse.verifyEmail.returnTo";

export function rememberReturnPath(path: string | null): void {
  if (!path) return;
  try {
    localStorage.setItem(KEY, safeRedirectPath(path));
  } catch {
    // Storage may be unavailable (private mode); the fallback is "/".
  }
}

export function returnPath(): string {
  try {
    const path = safeRedirectPath(localStorage.getItem(KEY));
    // Never this page itself (a crafted `?redirectToPath=` names it, and the value is kept): a
    // verified user would be sent back here, found verified, and sent back again, for ever.
    return routeOf(path) === routeOf(window.location.pathname) ? "/" : path;
  } catch {
    return "/";
  }
}

/** A path as the router resolves it: decoded, without query, fragment or trailing slash. */
function routeOf(path: string): string {
  const pathname = new URL(path, "http://gatehouse.invalid").pathname;
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Not valid percent-encoding: compared as sent.
  }
  return decoded.length > 1 ? decoded.replace(/\/+$/, "") : decoded;
}
