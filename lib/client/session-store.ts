import { readCookie, removeCookie, writeCookie } from "./cookies";
import { isFrontTokenShaped, parseFrontToken, type FrontTokenInfo } from "./front-token";

/**
 * Where the browser keeps what it knows about the session: the same two JS-readable cookies
 * supertokens-web-js uses, so that the two clients can run side by side on one site.
 * - `sFrontToken`: the raw `front-token` header value; present while a session exists.
 * - `sAntiCsrf`: only in the server's VIA_TOKEN anti-CSRF mode; a cross-site page can neither
 *   read it nor make the browser send it as a header, which is what the server checks.
 * - `st-last-access-token-update`: a timestamp rewritten on every session change. web-js
 *   reads "front token gone but timestamp present" as *signed out* (no refresh attempt),
 *   and both clients compare it before and after waiting for the refresh lock.
 */
export const FRONT_TOKEN_COOKIE = "sFrontToken";
export const LAST_UPDATE_COOKIE = "st-last-access-token-update";
/** The per-session token of the server's VIA_TOKEN anti-CSRF mode, echoed in the `anti-csrf` header. */
export const ANTI_CSRF_COOKIE = "sAntiCsrf";

/**
 * - `EXISTS`: a valid front token is stored (its access token may have expired: a refresh
 *   can renew it).
 * - `NOT_EXISTS`: this browser saw the session end (sign-out, failed refresh). Requests are
 *   not refreshed automatically.
 * - `MAY_EXIST`: this browser never saw a session change; the cookies may still hold one
 *   (for example one created before this client was loaded), so a refresh is worth a try.
 *
 * `marker` changes whenever any tab stores or removes a session: a request that failed with
 * an old marker knows that someone else already refreshed.
 */
export type LocalSessionState =
  { status: "EXISTS"; marker: string; frontToken: FrontTokenInfo } | { status: "NOT_EXISTS" | "MAY_EXIST"; marker: string };

export function readLocalSessionState(): LocalSessionState {
  const raw = readCookie(FRONT_TOKEN_COOKIE);
  const lastUpdate = readCookie(LAST_UPDATE_COOKIE);
  const marker = `${raw ?? ""}|${lastUpdate ?? ""}`;
  const frontToken = parseFrontToken(raw);
  if (frontToken) return { status: "EXISTS", marker, frontToken };
  return { status: lastUpdate ? "NOT_EXISTS" : "MAY_EXIST", marker };
}

/** The raw stored front token: a cheap, comparable snapshot for subscribers. */
export function readRawFrontToken(): string | null {
  return readCookie(FRONT_TOKEN_COOKIE);
}

/**
 * Applies a `front-token` response header: `remove` clears the session, a valid token is
 * stored, anything else is ignored (a malformed header must neither end a good session nor
 * reach `document.cookie`, where `;` would inject cookie attributes).
 */
export function applyFrontTokenHeader(value: string | null): "stored" | "removed" | "ignored" {
  if (value === null) return "ignored";
  if (value === "remove") {
    removeFrontToken();
    return "removed";
  }
  if (!isFrontTokenShaped(value) || parseFrontToken(value) === null) return "ignored";
  writeCookie(FRONT_TOKEN_COOKIE, value);
  markSessionChanged();
  return "stored";
}

/** Forgets the session locally (the HttpOnly session cookies are the server's to clear). */
export function removeFrontToken(): void {
  removeCookie(FRONT_TOKEN_COOKIE);
  removeCookie(ANTI_CSRF_COOKIE);
  markSessionChanged();
}

/** Token-shaped (base64/base64url, bounded): the only values written into the cookie. */
const ANTI_CSRF_SHAPE = /^[A-Za-z0-9+/_=-]{1,512}$/;

/** Stores an `anti-csrf` response header (sent at sign-in and refresh in VIA_TOKEN mode). */
export function applyAntiCsrfHeader(value: string | null): void {
  if (value !== null && ANTI_CSRF_SHAPE.test(value)) writeCookie(ANTI_CSRF_COOKIE, value);
}

/** The stored anti-CSRF token while a session exists, else null. */
export function readAntiCsrfToken(): string | null {
  if (readLocalSessionState().status !== "EXISTS") return null;
  const value = readCookie(ANTI_CSRF_COOKIE);
  return value && ANTI_CSRF_SHAPE.test(value) ? value : null;
}

/**
 * Records that the session changed, even when the front token did not (a refresh answered
 * without the header, two refreshes within the token's one-second expiry resolution).
 */
export function markSessionChanged(): void {
  writeCookie(LAST_UPDATE_COOKIE, String(Date.now()));
  notifySessionChanged(true);
}

// ---- change notification: this tab through listeners, other tabs through BroadcastChannel ----

type Listener = () => void;
const listeners = new Set<Listener>();
const CHANNEL_NAME = "gatehouse-session";
let channel: BroadcastChannel | null | undefined;

function sessionChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL_NAME) : null;
  channel?.addEventListener("message", () => notifySessionChanged(false));
  return channel;
}

function notifySessionChanged(broadcast: boolean): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch (error) {
      // One broken subscriber must not keep the others stale.
      console.error("[gatehouse] session listener failed", error);
    }
  }
  if (broadcast) sessionChannel()?.postMessage("changed");
}

/**
 * Calls `listener` whenever a session is stored or removed, in this tab or (through
 * BroadcastChannel) another. Cookie changes made by code that does not tell us, such as
 * supertokens-web-js, are caught by `useSession`'s polling. Returns the unsubscribe function.
 */
export function subscribeToSessionChanges(listener: Listener): () => void {
  sessionChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
