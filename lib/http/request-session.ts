import { withRequestScope, type EngineContext } from "../auth/context";
import { getSessionData, type IssuedTokens, type VerifiedSession } from "../auth/session/session";
import { revokeSession } from "../auth/session/session-revocation";
import { mergeIntoAccessTokenPayload, updateSessionData } from "../auth/session/session-info";
import { attachTokens, clearTokens, tokenTransferFor, transferScope } from "./session-transport";

/** The session as a route handler sees it: the verified claims plus what it may change. */
export interface RequestSession extends VerifiedSession {
  /** Server-only session data (one database read); null when the session was revoked. */
  getSessionData(): Promise<Record<string, unknown> | null>;
  /** Replaces the session data. False when the session no longer exists. */
  updateSessionData(data: Record<string, unknown>): Promise<boolean>;
  /**
   * Merges into the access-token payload (`null` deletes a key). This response carries the
   * re-minted token and front-token; the session's other requests see it from then on.
   */
  mergeIntoAccessTokenPayload(patch: Record<string, unknown>): Promise<boolean>;
  /** Revokes this session; the response clears its tokens. */
  revokeSession(): Promise<void>;
}

/**
 * Builds the handler's session object and, once the handler has answered, writes whatever it
 * changed (a new access token, or cleared tokens) onto that answer, and `Cache-Control: no-store`
 * when the handler set no Cache-Control or when the answer carries such a change.
 */
export function createRequestSession(
  ctx: EngineContext,
  request: Request,
  verified: VerifiedSession,
): { session: RequestSession; finish(response: Response): Response } {
  let reissued: IssuedTokens | null = null;
  let revoked = false;
  // The claims' fields named one by one: spreading `verified` into a literal that also holds
  // closures cost more than the rest of this function (a CPU profile of withSession, issue 20).
  const session: RequestSession = {
    userId: verified.userId,
    sessionHandle: verified.sessionHandle,
    accessTokenPayload: verified.accessTokenPayload,
    getSessionData: () => getSessionData(ctx, verified.sessionHandle),
    updateSessionData: (data) => updateSessionData(ctx, verified.sessionHandle, data),
    async mergeIntoAccessTokenPayload(patch) {
      // The token goes back the way the request came: in cookie mode it must fit the cookie.
      const result = await mergeIntoAccessTokenPayload(withRequestScope(ctx, transferScope(request, ctx.config)), verified, patch);
      if (result.status !== "OK" || !result.tokens) return false;
      reissued = result.tokens;
      session.accessTokenPayload = result.tokens.accessTokenClaims;
      return true;
    },
    async revokeSession() {
      await revokeSession(ctx, verified.sessionHandle);
      revoked = true;
    },
  };
  return {
    session,
    finish(response) {
      // An answer made with a session is that user's: unless the handler chose otherwise, no
      // cache may keep it (Next adds no Cache-Control to a route handler's answer, and a shared
      // cache would hand it, with any token re-issued below, to the next visitor).
      const cacheable = !response.headers.has("cache-control");
      if (!reissued && !revoked) {
        if (!cacheable) return response;
        try {
          response.headers.set("Cache-Control", "no-store");
          return response;
        } catch {
          // Immutable headers (Response.redirect): the copy below.
        }
      }
      // Handlers may return responses with immutable headers (Response.redirect): copy first.
      const copy = new Response(response.body, response);
      // Whatever the handler chose for its body: an answer that sets or clears this session's
      // tokens is stored by no cache, or a shared one would hand the next visitor this user's
      // access token (or sign them out).
      copy.headers.set("Cache-Control", "no-store");
      if (revoked) clearTokens(copy.headers, ctx.config, tokenTransferFor(request));
      else if (reissued) attachTokens(copy.headers, ctx.config, reissued, request, ctx.now());
      return copy;
    },
  };
}
