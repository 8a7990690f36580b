import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import { limitClient } from "../../auth/limits/client-limits";
import { refreshSession } from "../../auth/session/refresh-session";
import { getSession } from "../../auth/session/session";
import { signOut } from "../../auth/session/session-revocation";
import { passesCsrfCheck } from "../csrf";
import { json, resultResponse } from "../respond";
import { answerTokenTheft, answerTryRefreshToken, answerUnauthorised } from "../session-errors";
import { attachTokens, clearTokens, readAccessCookie, readAccessToken, readRefreshToken, tokenTransferFor } from "../session-transport";

export async function handleRefresh(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const limited = await limitClient(ctx, "refreshPerIp", client);
  if (limited) return resultResponse(limited);
  const { token, fromCookie } = readRefreshToken(request, ctx.config);
  // VIA_TOKEN is checked inside refreshSession (it needs the handle); the header/origin here.
  if (ctx.config.session.antiCsrf === "VIA_CUSTOM_HEADER" && !passesCsrfCheck(ctx, request, { fromCookie })) {
    return answerUnauthorised(ctx, request);
  }
  const paired = fromCookie && ctx.config.session.accessTokenCookieName.startsWith("__Host-");
  const result = await refreshSession(ctx, {
    refreshToken: token,
    antiCsrfToken: request.headers.get("anti-csrf"),
    fromCookie,
    pairedAccessToken: paired ? readAccessCookie(request, ctx.config) : undefined,
  });
  if (result.status === "OK") {
    const response = json({ status: "OK" });
    attachTokens(response.headers, ctx.config, result.tokens, request, ctx.now());
    return response;
  }
  if (result.status === "TOKEN_THEFT_DETECTED") return answerTokenTheft(ctx, request, result);
  // A paired refresh that failed may have been a planted cookie: expired on the parent domains too.
  return answerUnauthorised(ctx, request, { clearTokens: true, expireTossed: paired });
}

export async function handleSignOut(ctx: EngineContext, request: Request): Promise<Response> {
  const { token, fromCookie } = readAccessToken(request, ctx.config);
  const result = await getSession(ctx, { accessToken: token });
  if (result.status === "TRY_REFRESH_TOKEN_ERROR") return answerTryRefreshToken(ctx, request);
  if (result.status === "UNAUTHORISED") return answerUnauthorised(ctx, request, { clearTokens: true });
  if (!passesCsrfCheck(ctx, request, { fromCookie, sessionHandle: result.session.sessionHandle })) {
    return answerUnauthorised(ctx, request);
  }
  await signOut(ctx, result.session);
  const response = json({ status: "OK" });
  clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  return response;
}

export async function handleJwks(ctx: EngineContext): Promise<Response> {
  const jwks = await ctx.keyRing.getJwks(ctx.now());
  // Short public caching: verifiers elsewhere pick up a rotated key within a minute.
  return Response.json(jwks, { headers: { "Cache-Control": "public, max-age=60" } });
}

/**
 * OpenID discovery for the access tokens (the FDI's OpenId recipe): their issuer and where their
 * keys are. The issuer is the API's own URL, so this document answers at
 * `{issuer}/.well-known/openid-configuration`, where a verifier that takes only an issuer (an API
 * gateway's JWT authorizer, an OIDC library) looks for it.
 */
export function handleOpenIdConfiguration(ctx: EngineContext): Response {
  return Response.json(
    { issuer: ctx.issuer, jwks_uri: `${ctx.issuer}/jwt/jwks.json` },
    // As the keys' own document: a moved base path is seen within a minute.
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}
