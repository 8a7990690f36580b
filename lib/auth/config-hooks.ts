/** Session error hooks of the deployer's config (re-exported by config.ts). */

/** What a session error hook receives: the request and the response Gatehouse would send. */
export interface SessionErrorInfo {
  request: Request;
  response: Response;
}

/**
 * A hook returns a Response to send instead of the default, or undefined to keep the default.
 * Hooks only see session failures; they cannot turn a failure into a success. One that throws
 * is logged (HOOK_FAILED) and the default is sent.
 */
export type SessionErrorHook<Extra = object> = (info: SessionErrorInfo & Extra) => Response | undefined | Promise<Response | undefined>;

export interface SessionErrorHooks {
  /** No usable session. @default 401 {"message":"unauthorised"} with tokens cleared where the FDI clears them */
  onUnauthorised?: SessionErrorHook;
  /** The access token expired (or its key was retired). @default 401 {"message":"try refresh token"} */
  onTryRefreshToken?: SessionErrorHook;
  /** A rotated-out refresh token was replayed; the session is already revoked. @default 401 {"message":"unauthorised"}, tokens cleared */
  onTokenTheftDetected?: SessionErrorHook<{ sessionHandle: string; userId: string }>;
  /** A claim check failed (unverified email, missing role). @default 403 {"message":"invalid claim", claimValidationErrors} */
  onInvalidClaim?: SessionErrorHook<{ claimValidationErrors: unknown[] }>;
}
