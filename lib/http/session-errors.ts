import type { EngineContext } from "../auth/context";
import { json } from "./respond";
import { clearTokens, expireTossedCookies, hasDuplicateSessionCookie, tokenTransferFor } from "./session-transport";

/**
 * The answers to session failures, each passed through the deployer's hook (lib/config
 * `onSessionError`) which may replace it. Defaults follow the FDI, which supertokens-web-js acts
 * on: 401 "try refresh token" makes it refresh; 401 "unauthorised" ends the session.
 */
export async function answerTryRefreshToken(ctx: EngineContext, request: Request): Promise<Response> {
  const response = json({ message: "try refresh token" }, 401);
  return (await ctx.config.hooks.onTryRefreshToken?.({ request, response })) ?? response;
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
  options: { clearTokens?: boolean } = {},
): Promise<Response> {
  const duplicate = hasDuplicateSessionCookie(request, ctx.config);
  const response = json(duplicate ? { message: "unauthorised", code: "DUPLICATE_COOKIE" } : { message: "unauthorised" }, 401);
  if (options.clearTokens || duplicate) clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  if (duplicate) expireTossedCookies(response.headers, ctx.config, request);
  return (await ctx.config.hooks.onUnauthorised?.({ request, response })) ?? response;
}

export async function answerTokenTheft(
  ctx: EngineContext,
  request: Request,
  theft: { sessionHandle: string; userId: string },
): Promise<Response> {
  // The engine has logged it (session.theft_detected, with the request id).
  const response = json({ message: "unauthorised" }, 401);
  clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  return (await ctx.config.hooks.onTokenTheftDetected?.({ request, response, ...theft })) ?? response;
}

export async function answerInvalidClaim(
  ctx: EngineContext,
  request: Request,
  claimValidationErrors: unknown[],
): Promise<Response> {
  const response = json({ message: "invalid claim", claimValidationErrors }, 403);
  return (await ctx.config.hooks.onInvalidClaim?.({ request, response, claimValidationErrors })) ?? response;
}
