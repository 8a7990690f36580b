import type { EngineContext } from "../auth/context";
import { isValidAntiCsrfToken } from "../auth/session/anti-csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence for cookie-authenticated, state-changing requests.
 * SameSite=Lax already keeps cookies off cross-site POSTs in current browsers; this adds:
 * - an Origin check (Sec-Fetch-Site as a fallback), so a cross-origin page cannot post;
 * - VIA_CUSTOM_HEADER: the FDI `rid` header, which a cross-site form cannot set and a
 *   cross-site fetch cannot send without a CORS preflight we never approve;
 * - VIA_TOKEN: the per-session `anti-csrf` header the client got at sign-in.
 */
export function passesCsrfCheck(
  ctx: EngineContext,
  request: Request,
  input: { fromCookie: boolean; sessionHandle?: string },
): boolean {
  const mode = ctx.config.session.antiCsrf;
  if (mode === "NONE" || !input.fromCookie || SAFE_METHODS.has(request.method)) return true;
  if (!isSameOrigin(ctx, request)) return false;
  if (mode === "VIA_CUSTOM_HEADER") return request.headers.get("rid") !== null;
  return input.sessionHandle !== undefined
    ? isValidAntiCsrfToken(ctx.keys.antiCsrf, input.sessionHandle, request.headers.get("anti-csrf"))
    : false;
}

/** True unless the browser says the request came from another site. */
export function isSameOrigin(ctx: EngineContext, request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) return origin === ctx.config.appOrigin || ctx.config.trustedOrigins.includes(origin);
  const site = request.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}
