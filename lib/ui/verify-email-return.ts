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
    return safeRedirectPath(localStorage.getItem(KEY));
  } catch {
    return "/";
  }
}
