import { refreshUrl, resolveClientOptions, type GatehouseClientOptions, type ResolvedClientOptions } from "./options";
import { refreshAfterUnauthorised } from "./refresh";
import { applyAntiCsrfHeader, applyFrontTokenHeader, readAntiCsrfToken, readLocalSessionState } from "./session-store";
import { MESSAGE } from "../auth/wire-codes";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Internal knobs for the module's own callers (signOut). */
export interface SessionFetchControl {
  /** Refresh on "try refresh token" even when this browser saw the session end. */
  forceRefresh?: boolean;
}

/**
 * `fetch` for this app's own API, with the session handled:
 * - state-changing requests get the FDI `rid` anti-CSRF header unless they carry one;
 * - cookies go along (`credentials: "same-origin"` unless the call says otherwise);
 * - in the server's VIA_TOKEN anti-CSRF mode, the stored `anti-csrf` token goes along too;
 * - every response's `front-token` header is stored (or, as `remove`, clears the session);
 * - a 401 `{"message":"try refresh token"}` triggers one refresh, shared by all concurrent
 *   requests and all tabs, then the request is retried once. Never more: a second 401 is
 *   returned as it is. A failed refresh signs this browser out (the front token is removed)
 *   and the request's own 401 is returned.
 *
 * Requests to other origins are passed to `fetch` untouched: no session header or cookie
 * handling for them, and no `rid` that would force a CORS preflight.
 *
 * @example const res = await gatehouseFetch("/api/me"); if (res.status === 401) location.assign("/auth");
 */
export async function gatehouseFetch(input: RequestInfo | URL, init?: RequestInit, options?: GatehouseClientOptions): Promise<Response> {
  return fetchWithSession(input, init, resolveClientOptions(options));
}

export async function fetchWithSession(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  options: ResolvedClientOptions,
  control: SessionFetchControl = {},
): Promise<Response> {
  // Other origins get the caller's own arguments: rebuilding them would change what is sent.
  if (!isSameOrigin(urlOf(input))) return fetch(input, init);
  const request = new Request(resolveUrl(input), { ...init, credentials: init?.credentials ?? credentialsOf(input) });
  if (!SAFE_METHODS.has(request.method) && !request.headers.has("rid")) request.headers.set("rid", options.rid);

  const before = readLocalSessionState();
  const ownAntiCsrf = request.headers.has("anti-csrf");
  // Keep an unsent copy: a request body can be read only once, and the retry needs it again.
  const response = await send(request.clone(), ownAntiCsrf);
  if (response.status !== 401 || !(await mayBeTryRefreshToken(request, response))) return response;
  if (new URL(request.url).pathname === refreshUrl(options)) return response;

  const outcome = await refreshAfterUnauthorised(before, options, control.forceRefresh);
  // As supertokens-web-js does: without a renewed session the caller gets its own 401.
  return outcome.status === "RETRY" ? send(request, ownAntiCsrf) : response;
}

/** Sends with the current anti-CSRF token (a refresh may have replaced it) and stores what comes back. */
async function send(request: Request, ownAntiCsrf: boolean): Promise<Response> {
  const antiCsrf = ownAntiCsrf ? null : readAntiCsrfToken();
  if (antiCsrf) request.headers.set("anti-csrf", antiCsrf);
  const response = await fetch(request);
  applyFrontTokenHeader(response.headers.get("front-token"));
  applyAntiCsrfHeader(response.headers.get("anti-csrf"));
  return response;
}

/**
 * A response to HEAD has no body to carry the message, so its 401 may well be "try refresh
 * token": it gets the one refresh (which, if there is no session, ends it locally) and the retry.
 */
async function mayBeTryRefreshToken(request: Request, response: Response): Promise<boolean> {
  return request.method === "HEAD" || isTryRefreshToken(response);
}

async function isTryRefreshToken(response: Response): Promise<boolean> {
  try {
    const body = await response.clone().json();
    return typeof body === "object" && body !== null && body.message === MESSAGE.TRY_REFRESH_TOKEN;
  } catch {
    return false;
  }
}

/**
 * A Request passed as input keeps its own credentials mode; anything else gets same-origin.
 * Requests are recognised by shape, not `instanceof`: one made in another frame is of another
 * realm's Request class.
 */
function credentialsOf(input: RequestInfo | URL): RequestCredentials {
  return isRequestLike(input) ? input.credentials : "same-origin";
}

function isRequestLike(input: RequestInfo | URL): input is Request {
  return typeof input === "object" && !(input instanceof URL) && typeof input.url === "string" && typeof input.credentials === "string";
}

/** The URL `input` names, as a string (relative ones are resolved by isSameOrigin). */
function urlOf(input: RequestInfo | URL): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return isRequestLike(input) ? input.url : String(input);
}

/** Relative URLs against the page's own address, not a `<base href>` as fetch would (spelled out: not every Request constructor has a base). */
function resolveUrl(input: RequestInfo | URL): RequestInfo | URL {
  if (typeof input !== "string" || typeof location === "undefined") return input;
  try {
    return new URL(input, location.href);
  } catch {
    return input;
  }
}

function isSameOrigin(url: string): boolean {
  if (typeof location === "undefined") return false;
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}
