import { NextResponse, type NextRequest } from "next/server";
import { getSession } from "../auth/session/session";
import { gatehouse } from "../gatehouse";
import { readCookie } from "../http/cookies";
import { answerInvalidClaim, answerTryRefreshToken, answerUnauthorised } from "../http/session-errors";
import { clearTokens, expireTossedCookies, hasDuplicateSessionCookie } from "../http/session-transport";
import { authRedirectPath } from "./auth-redirect";
import { decodePath, NOT_FOUND_PATH, routeBasePaths } from "./base-paths";
import { forwardWithPolicy, pagePolicy } from "./content-security-policy";
import { unverifiedEmailErrors, verifyEmailPath } from "./verify-email-redirect";
import { incompleteMfaErrors, mfaPath } from "./mfa-redirect";
import { MESSAGE } from "../auth/wire-codes";
import { GatehouseError } from "../auth/errors";
import { isAtOrBelow } from "../auth/base-paths";
import { isNoReferrerPage, NO_CONTENT_POLICY } from "../security-headers.mjs";

export interface SessionProxyOptions {
  /**
   * Path prefixes that need a session, whole segments only: `/account` covers `/account` and
   * `/account/x`, not `/accounts`; `/` covers the whole site but the built-in auth pages and
   * API (websiteBasePath, apiBasePath), which never need a session. Plain paths starting with
   * "/", not matcher patterns (`/account/:path*`): anything else stops the start with
   * CONFIG_INVALID. List each in proxy.ts's `config.matcher` as well.
   * @example ["/examples/protected", "/account"]
   */
  protectedPathPrefixes: readonly string[];
}

/**
 * True when `pathname` is one of the prefixes or below one. The path is compared decoded, so
 * `/examples/%70rotected` is the protected `/examples/protected`, as the router resolves it.
 */
export function isProtectedPath(pathname: string, prefixes: readonly string[]): boolean {
  const path = decodePath(pathname);
  return prefixes.some((prefix) => {
    const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
    return path === base || path.startsWith(`${base}/`);
  });
}

/**
 * A proxy (Next 16's middleware) that lets a request to a protected path through only with a
 * valid access token; every other path passes untouched.
 * - Page loads (GET/HEAD): no session → 307 to `{websiteBasePath}?redirectToPath=<path+query>`;
 *   an expired access token → 307 to `{websiteBasePath}/refresh?redirectToPath=…`, which
 *   refreshes in the browser and comes back; in REQUIRED email-verification mode, an unverified
 *   email → 307 to `{websiteBasePath}/verify-email?redirectToPath=…` (403 invalid claim for
 *   other methods).
 * - Other methods (server actions, forms, APIs under a protected prefix): the FDI 401s
 *   (`try refresh token` / `unauthorised`, through the deployer's `onSessionError` hooks), since
 *   redirecting a POST would replay or drop it.
 *
 * Verification is the same as everywhere else (`getSession` from lib/auth through `gatehouse()`):
 * the JWT against the in-process key cache, algorithms and issuer pinned, no database call per
 * request. That is possible because proxy.ts always runs on the Node.js runtime in Next 16; see
 * the comment in /proxy.ts.
 *
 * Before any of that, the configured base paths are mapped onto app/auth and app/api/auth
 * (lib/next/base-paths.ts), so the proxy must run on every path a base path may take.
 *
 * Every answer carries the page Content-Security-Policy with a fresh nonce, and the request goes
 * on with the same policy, where Next finds the nonce for the scripts it renders
 * (lib/next/content-security-policy.ts); under `/api` (route handlers) the answer carries the
 * strict policy for non-pages instead, and the request goes on untouched (isRouteHandlerPath).
 */
export function createSessionProxy(options: SessionProxyOptions): (request: NextRequest) => Promise<Response> {
  const gate = sessionGate(options.protectedPathPrefixes.map(checkedPrefix));
  return async (request) => {
    // A route handler's request goes on as it came: forwarding its headers is most of this
    // proxy's cost on a JSON handler (bench: "proxy.ts" rows), and a nonce is of no use there.
    const page = !isRouteHandlerPath(request.nextUrl.pathname, gatehouse().config);
    const policy = page ? pagePolicy() : NO_CONTENT_POLICY;
    const response = await gate(request, page ? forwardWithPolicy(request, policy) : undefined);
    response.headers.set("Content-Security-Policy", policy);
    return response;
  };
}

/**
 * A prefix is compared with the decoded path as it is, so one that no path can equal protected
 * nothing, without a word: a name without its leading "/", or a pattern in Next's matcher syntax
 * (`/dashboard/:path*`, `/account/(.*)`), which these prefixes are not. Refused at start-up instead.
 */
function checkedPrefix(prefix: string): string {
  if (typeof prefix !== "string" || !prefix.startsWith("/") || /[\s*?#():%]/.test(prefix)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `createSessionProxy: protectedPathPrefixes holds ${JSON.stringify(prefix)}, which no request path can match: give a plain path starting with "/" ("/dashboard" covers "/dashboard/x"), not a matcher pattern`,
    );
  }
  return prefix;
}

/**
 * Paths under `/api` and the configured apiBasePath are route handlers (JSON, redirects, files),
 * never a page, unless the configured websiteBasePath puts the built-in pages under `/api`. They
 * get the policy the auth API gets (next.config.js): nothing may load, run or frame them. A page
 * of your own under `/api` would render with its scripts refused, never with them allowed.
 */
export function isRouteHandlerPath(pathname: string, paths: { apiBasePath: string; websiteBasePath: string }): boolean {
  const path = decodePath(pathname);
  if (isAtOrBelow(path, paths.websiteBasePath)) return false;
  return isAtOrBelow(path, "/api") || isAtOrBelow(path, paths.apiBasePath);
}

/** The request's headers with the page policy, or none (`undefined`: the request goes on untouched). */
type Forward = ReturnType<typeof forwardWithPolicy> | undefined;

function sessionGate(prefixes: string[]): (request: NextRequest, forward: Forward) => Promise<Response> {
  return async (request, forward) => {
    const ctx = gatehouse();
    const routed = answerBasePaths(request, ctx.config, forward);
    if (routed) return routed;
    if (!isProtectedPath(request.nextUrl.pathname, prefixes) || isAuthSurface(request.nextUrl.pathname, ctx.config)) {
      return NextResponse.next(forward);
    }
    // The one cookie parser (lib/http/cookies.ts): a name sent twice (cookie tossing) reads as absent.
    const accessToken = readCookie(request.headers.get("cookie"), ctx.config.session.accessTokenCookieName);
    const result = await getSession(ctx, { accessToken });
    if (result.status === "OK") {
      // REQUIRED email verification: an unverified user's page loads go to the verify-email page.
      const here = `${request.nextUrl.pathname}${request.nextUrl.search}`;
      const unverified = await unverifiedEmailErrors(ctx, result.session);
      // Then MFA: a session without its second factor reaches no protected page.
      const incomplete = unverified ? null : await incompleteMfaErrors(ctx, result.session);
      const failed = unverified ?? incomplete;
      if (!failed) return NextResponse.next(forward);
      if (request.method !== "GET" && request.method !== "HEAD") return answerInvalidClaim(ctx, request, failed);
      const destination = unverified ? verifyEmailPath(ctx, here) : mfaPath(ctx, here, failed);
      return NextResponse.redirect(new URL(destination, request.nextUrl.origin));
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return result.status === "TRY_REFRESH_TOKEN_ERROR" ? answerTryRefreshToken(ctx, request) : answerUnauthorised(ctx, request);
    }
    const destination = authRedirectPath(result.status, {
      websiteBasePath: ctx.config.websiteBasePath,
      redirectToPath: `${request.nextUrl.pathname}${request.nextUrl.search}`,
    })!;
    const redirect = NextResponse.redirect(new URL(destination, request.nextUrl.origin));
    // A tossed duplicate would send the user back to sign-in after every sign-in: clear both copies.
    if (hasDuplicateSessionCookie(request, ctx.config)) {
      clearTokens(redirect.headers, ctx.config, "cookie");
      expireTossedCookies(redirect.headers, ctx.config, request);
    }
    return redirect;
  };
}

/**
 * The built-in pages and the auth API, which answer without a session by design: gated (a prefix
 * of "/" protects the whole site), the sign-in page redirected to itself, its own address as the
 * way back, over and over, and nobody could sign in.
 */
function isAuthSurface(pathname: string, paths: { apiBasePath: string; websiteBasePath: string }): boolean {
  // Decoded whole, "/auth%2Fx" reads as below /auth, but the router sees one segment "auth/x",
  // which a root dynamic page (app/[slug]) renders: no built-in page has an encoded slash.
  if (/%2f|%5c/i.test(pathname)) return false;
  const path = decodePath(pathname);
  return isAtOrBelow(path, paths.websiteBasePath) || isAtOrBelow(path, paths.apiBasePath);
}

/**
 * The configured `websiteBasePath` / `apiBasePath` onto app/auth and app/api/auth, and a 404 for
 * those folders' own paths when they are not the configured ones (lib/next/base-paths.ts says
 * why at run time). `null`: not a base-path matter, carry on.
 */
function answerBasePaths(request: NextRequest, paths: { apiBasePath: string; websiteBasePath: string }, forward: Forward): Response | null {
  const routed = routeBasePaths(request.nextUrl.pathname, paths);
  if (routed.kind === "pass") return null;
  if (routed.kind === "not-found") {
    return routed.api
      ? NextResponse.json({ message: MESSAGE.NOT_FOUND }, { status: 404 })
      : NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { ...forward, status: 404 });
  }
  const target = new URL(`${routed.pathname}${request.nextUrl.search}`, request.url);
  const response = NextResponse.rewrite(target, forward);
  // Pages that carry a token in their URL: no Referer at all (as next.config.js does for the defaults).
  if (isNoReferrerPage(routed.physicalPath)) response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
