import { refreshUrl, resolveClientOptions, type GatehouseClientOptions, type ResolvedClientOptions } from "./options";
import { recordRefreshFailure, refreshFailureCount, sharedRefreshFailure } from "./refresh-failure";
import { withRefreshLock } from "./refresh-lock";
import {
  applyAntiCsrfHeader,
  applyFrontTokenHeader,
  markSessionChanged,
  readAntiCsrfToken,
  readLocalSessionState,
  removeFrontToken,
  type LocalSessionState,
} from "./session-store";

/**
 * - `RETRY`: the session was renewed, by this call or by another request or tab meanwhile.
 * - `SESSION_EXPIRED`: there is no session any more; the local state says so.
 * - `ERROR`: the refresh endpoint failed otherwise (5xx), for this call or for a refresh that
 *   ran while this call waited for the lock; the local state is kept, since the session may
 *   well be alive.
 */
export type RefreshOutcome = { status: "RETRY" } | { status: "SESSION_EXPIRED"; response?: Response } | { status: "ERROR"; response?: Response };

/**
 * Single-flight refresh after a request that was sent with local state `before` was answered
 * "try refresh token". Under the cross-tab lock it first looks whether the session changed since
 * `before`: if another request or tab has refreshed meanwhile, the caller just retries, so N
 * concurrent failures in M tabs cost one refresh call. That matters beyond load: every refresh
 * rotates the refresh token, and a rotated-out token presented later than the server's grace
 * window counts as theft and revokes the session.
 *
 * `force` refreshes even when this browser saw the session end (explicit calls only: automatic
 * refreshes never resurrect a signed-out state, so a dead session cannot cause a refresh loop).
 */
export function refreshAfterUnauthorised(before: LocalSessionState, options: ResolvedClientOptions, force = false): Promise<RefreshOutcome> {
  const failuresBefore = refreshFailureCount();
  return withRefreshLock(async () => {
    const now = readLocalSessionState();
    if (now.marker !== before.marker) {
      return now.status === "EXISTS" ? { status: "RETRY" } : { status: "SESSION_EXPIRED" };
    }
    if (now.status === "NOT_EXISTS" && !force) return { status: "SESSION_EXPIRED" };
    const failed = sharedRefreshFailure(now.marker, failuresBefore);
    if (failed?.kind === "network") throw new TypeError("Failed to fetch: the session refresh failed while this request waited for it");
    if (failed) return { status: "ERROR" };
    return callRefreshEndpoint(options, now.marker);
  }, options.lockTimeoutMs);
}

async function callRefreshEndpoint(options: ResolvedClientOptions, marker: string): Promise<RefreshOutcome> {
  // `rid` is the FDI's anti-CSRF custom header ("session" is the recipe id web-js sends here
  // too); in VIA_TOKEN mode the server wants the session's anti-csrf token as well.
  const headers: Record<string, string> = { rid: "session" };
  const antiCsrf = readAntiCsrfToken();
  if (antiCsrf) headers["anti-csrf"] = antiCsrf;
  let response: Response;
  try {
    response = await fetch(onThisOrigin(refreshUrl(options)), { method: "POST", headers, credentials: "same-origin" });
  } catch (error) {
    recordRefreshFailure(marker, "network");
    throw error;
  }
  if (response.ok) {
    applyAntiCsrfHeader(response.headers.get("anti-csrf"));
    const applied = applyFrontTokenHeader(response.headers.get("front-token"));
    // A 200 that clears the session renews nothing: retrying, or reporting success to the
    // refresh page (which would send the browser back to a page that bounces it here), is wrong.
    if (applied === "removed") return { status: "SESSION_EXPIRED", response };
    // A proxy may strip the header: record the change anyway, or other waiting requests and
    // tabs would not see that the refresh happened and would refresh again.
    if (applied !== "stored") markSessionChanged();
    return { status: "RETRY" };
  }
  if (response.status === 401) {
    removeFrontToken();
    return { status: "SESSION_EXPIRED", response };
  }
  recordRefreshFailure(marker, "error");
  return { status: "ERROR", response };
}

/**
 * `fetch` resolves a path against the document's base URL, which a `<base href>` can put on
 * another origin (a CDN): the refresh, with its anti-csrf token, must go to this page's origin,
 * where the refresh cookie lives, as gatehouseFetch's requests do.
 */
function onThisOrigin(path: string): string {
  return typeof location === "undefined" ? path : new URL(path, location.origin).href;
}

/**
 * Refreshes the session now (once, shared with any refresh already running in this or another
 * tab). Resolves true when a session is usable afterwards, false when it is gone (the local
 * front token is then removed) or the refresh endpoint failed. Rejects on network errors.
 */
export async function attemptRefreshingSession(options?: GatehouseClientOptions): Promise<boolean> {
  const outcome = await refreshAfterUnauthorised(readLocalSessionState(), resolveClientOptions(options), true);
  return outcome.status === "RETRY";
}
