import type { EngineContext } from "../auth/context";
import { isValidAntiCsrfToken } from "../auth/session/anti-csrf";
import { isOwnLoopbackOrigin } from "./dev-origin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence for cookie-authenticated, state-changing requests.
 * SameSite=Lax already keeps cookies off cross-site POSTs in current browsers; this adds:
 * - an Origin check (Sec-Fetch-Site as a fallback), so a cross-origin page cannot post;
 * - VIA_CUSTOM_HEADER: the FDI `rid` header, which a cross-site form cannot set and a
 *   cross-site fetch cannot send without a CORS preflight we never approve;
 * - VIA_TOKEN: the per-session `anti-csrf` header the client got at sign-in.
 */
export function passesCsrfCheck(ctx: EngineContext, request: Request, input: { fromCookie: boolean; sessionHandle?: string }): boolean {
  const mode = ctx.config.session.antiCsrf;
  if (mode === "NONE" || !input.fromCookie || SAFE_METHODS.has(request.method)) return true;
  if (!isSameOrigin(ctx, request)) return false;
  if (mode === "VIA_CUSTOM_HEADER") return request.headers.get("rid") !== null;
  return input.sessionHandle !== undefined ? isValidAntiCsrfToken(ctx.keys.antiCsrf, input.sessionHandle, request.headers.get("anti-csrf")) : false;
}

/**
 * True unless the browser says the request came from another site: an `Origin` must be the app
 * origin or a trusted one (in development also the dev server's own loopback origin:
 * dev-origin.ts); without one, `Sec-Fetch-Site` must not say cross-site. `Origin: null` is what a
 * browser sends on the POSTs of a page answering `Referrer-Policy: no-referrer` (the sign-in, MFA
 * and emailed-link pages: lib/security-headers.mjs), but also from a sandboxed frame or a data:
 * URL: it passes only when `Sec-Fetch-Site`, which no page can set, says same-origin.
 */
export function isSameOrigin(ctx: EngineContext, request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === "null" && request.headers.get("sec-fetch-site") === "same-origin") return true;
  if (origin !== null) {
    const { appOrigin, trustedOrigins, development } = ctx.config;
    if (origin === appOrigin || trustedOrigins.includes(origin)) return true;
    if (development && isOwnLoopbackOrigin(origin, request.headers.get("host"))) return true;
    logOriginRefused(ctx, origin);
    return false;
  }
  const site = request.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

/**
 * One line per refusal, saying what was expected, what came, and what to change: a deployment
 * opened at another address than GATEHOUSE_APP_ORIGIN otherwise fails with a bare 403. The
 * received value is the browser's Origin header, cut short, so a forged one cannot flood the log.
 */
function logOriginRefused(ctx: EngineContext, receivedOrigin: string): void {
  ctx.log.warn(
    {
      event: "csrf.origin_refused",
      expectedOrigin: ctx.config.appOrigin,
      trustedOrigins: ctx.config.trustedOrigins,
      receivedOrigin: receivedOrigin.slice(0, 200),
      fix: "If this is your app's own address, set GATEHOUSE_APP_ORIGIN to it (or add it to trustedOrigins in lib/config)",
    },
    "csrf.origin_refused",
  );
}
