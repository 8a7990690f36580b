import type { FrontTokenInfo } from "./front-token";
import { readLocalSessionState } from "./session-store";

/*
 * Synchronous reads of the stored front token: no request, so they are cheap enough for every
 * render. They answer "is there a session this browser can use", not "is the access token
 * still valid": an expired access token is refreshed by `gatehouseFetch` when a request needs it.
 */

function frontToken(): FrontTokenInfo | null {
  const state = readLocalSessionState();
  return state.status === "EXISTS" ? state.frontToken : null;
}

/** True while a valid front token is stored (set at sign-in, removed at sign-out or a failed refresh). */
export function doesSessionExist(): boolean {
  return frontToken() !== null;
}

/** The signed-in user's id, or undefined without a session. */
export function getUserId(): string | undefined {
  return frontToken()?.uid;
}

/** The access-token payload (`setJwtPayload`'s claims), or undefined without a session. */
export function getAccessTokenPayload(): Record<string, unknown> | undefined {
  return frontToken()?.up;
}

/** When the current access token expires (ms since the epoch), or undefined without a session. */
export function getAccessTokenExpiry(): number | undefined {
  return frontToken()?.ate;
}
