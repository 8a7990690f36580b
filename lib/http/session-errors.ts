import type { EngineContext } from "../auth/context";
import { MFA_CLAIM } from "../auth/mfa/mfa-claim";
import { GatehouseError } from "../auth/errors";
import { CODE, MESSAGE } from "../auth/wire-codes";
import { isSameOrigin } from "./csrf";
import type { SessionErrorHooks } from "../auth/config";
import { json, logGatehouseError, tryRefreshToken, unauthorised } from "./respond";
import { clearTokens, expireTossedCookies, hasDuplicateSessionCookie, tokenTransferFor } from "./session-transport";

/**
 * The answers to session failures, each passed through the deployer's hook (lib/config
 * `onSessionError`) which may replace it. Defaults follow the FDI, which supertokens-web-js acts
 * on: 401 "try refresh token" makes it refresh; 401 "unauthorised" ends the session.
 */
export async function answerTryRefreshToken(ctx: EngineContext, request: Request): Promise<Response> {
  const response = tryRefreshToken();
  return throughHook(ctx, "onTryRefreshToken", response, (hook) => hook.onTryRefreshToken?.({ request, response }));
}

/**
 * 401 "unauthorised". A request with a session cookie name twice (cookie tossing: readCookie
 * used neither copy) gets `code: "DUPLICATE_COOKIE"` and always has its cookies cleared, here
 * and on the parent domains: FDI clients treat the 401 as signed out and sign in afresh, where
 * keeping the cookies would refuse every request after it (and refreshing would loop).
 */
export async function answerUnauthorised(
  ctx: EngineContext,
  request: Request,
  /** `expireTossed`: expire the cookies on the parent domains too, as for a duplicate. */
  options: { clearTokens?: boolean; expireTossed?: boolean } = {},
): Promise<Response> {
  const duplicate = hasDuplicateSessionCookie(request, ctx.config);
  const response = duplicate ? json({ message: MESSAGE.UNAUTHORISED, code: CODE.DUPLICATE_COOKIE }, 401) : unauthorised();
  // Logout CSRF: another site's form, posted as a top-level navigation, comes without the session
  // cookies (SameSite=Lax), yet the browser applies the answer's Set-Cookie (RFC 6265bis 5.6), so
  // expiring them for a request from another origin would let any site sign its visitors out.
  // Asked only when there is something to clear: a refused origin is logged.
  const mayClear = () => ctx.config.session.antiCsrf === "NONE" || isSameOrigin(ctx, request);
  if ((options.clearTokens && mayClear()) || duplicate) clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  if (duplicate || options.expireTossed) expireTossedCookies(response.headers, ctx.config, request);
  return throughHook(ctx, "onUnauthorised", response, (hook) => hook.onUnauthorised?.({ request, response }));
}

export async function answerTokenTheft(ctx: EngineContext, request: Request, theft: { sessionHandle: string; userId: string }): Promise<Response> {
  // The engine has logged it (session.theft_detected, with the request id).
  const response = unauthorised();
  clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  return throughHook(ctx, "onTokenTheftDetected", response, (hook) => hook.onTokenTheftDetected?.({ request, response, ...theft }));
}

export async function answerInvalidClaim(ctx: EngineContext, request: Request, claimValidationErrors: unknown[]): Promise<Response> {
  const response = json({ message: MESSAGE.INVALID_CLAIM, claimValidationErrors }, 403);
  return throughHook(ctx, "onInvalidClaim", response, (hook) => hook.onInvalidClaim?.({ request, response, claimValidationErrors }));
}

/** The 403 that tells the browser to complete its factors before changing them (`mayChangeFactors` said no). */
export function answerMfaRequired(ctx: EngineContext, request: Request): Promise<Response> {
  return answerInvalidClaim(ctx, request, [{ id: MFA_CLAIM, reason: { message: "not all required factors have been completed" } }]);
}

/**
 * The deployer's hook, given the default answer. A hook that throws leaves the default: what it
 * was asked about has happened (a theft's session is revoked, its tokens must be cleared), and a
 * 500 in its place kept the browser's cookies, so that every request met the hook, and a 500, again.
 */
async function throughHook(
  ctx: EngineContext,
  name: keyof SessionErrorHooks,
  response: Response,
  call: (hooks: SessionErrorHooks) => Response | undefined | Promise<Response | undefined>,
): Promise<Response> {
  try {
    return (await call(ctx.config.hooks)) ?? response;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    logGatehouseError(ctx.log, new GatehouseError("HOOK_FAILED", `${name} threw: ${detail}`, { cause: error }));
    return response;
  }
}
