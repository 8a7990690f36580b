import type { EngineContext } from "../auth/context";
import { json } from "./respond";
import { clearTokens, tokenTransferFor } from "./session-transport";

/**
 * The answers to session failures, each passed through the deployer's hook (lib/config
 * `onSessionError`) which may replace it. Defaults follow the FDI, which supertokens-web-js acts
 * on: 401 "try refresh token" makes it refresh; 401 "unauthorised" ends the session.
 */
export async function answerTryRefreshToken(ctx: EngineContext, request: Request): Promise<Response> {
  const response = json({ message: "try refresh token" }, 401);
  return (await ctx.config.hooks.onTryRefreshToken?.({ request, response })) ?? response;
}

export async function answerUnauthorised(
  ctx: EngineContext,
  request: Request,
  options: { clearTokens?: boolean } = {},
): Promise<Response> {
  const response = json({ message: "unauthorised" }, 401);
  if (options.clearTokens) clearTokens(response.headers, ctx.config, tokenTransferFor(request));
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
