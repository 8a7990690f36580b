import type { ResolvedConfig } from "../auth/config";
import { BROWSER_COOKIE_BYTES } from "../auth/config-cookies";
import type { IssuedTokens } from "../auth/session/session";
import { duplicatedCookieNames, EXPIRED, lifetime, readCookie, serializeCookie } from "./cookies";

/**
 * The default cookie names, before any `__Host-`/`__Secure-` prefix (session.cookiePrefixes);
 * deployments may rename them (session.accessTokenCookieName, …).
 */
export const ACCESS_TOKEN_COOKIE = "sAccessToken";
export const REFRESH_TOKEN_COOKIE = "sRefreshToken";

export type TokenTransfer = "cookie" | "header";

/**
 * Cookies by default; header mode when the client asks for it (`st-auth-mode: header`) or
 * authenticates with a bearer token, as FDI clients outside a browser do.
 */
export function tokenTransferFor(request: Request): TokenTransfer {
  const asked = request.headers.get("st-auth-mode");
  if (asked === "header") return "header";
  if (asked === "cookie") return "cookie";
  return bearerToken(request) ? "header" : "cookie";
}

/**
 * The longest access token the access-token cookie holds: a browser keeps a cookie only while its
 * name, `=` and value are at most BROWSER_COOKIE_BYTES together, and drops a longer one without a
 * word (the user, left with a front token and no access cookie, was signed out in a loop).
 */
export function accessTokenCookieBytes(config: ResolvedConfig): number {
  return BROWSER_COOKIE_BYTES - Buffer.byteLength(config.session.accessTokenCookieName) - 1;
}

/**
 * What the engine must know of the request's transfer mode when it issues tokens: in cookie mode,
 * the cookie's limit (EngineContext.accessTokenCookieBytes); in header mode, nothing, so that
 * `session.maxAccessTokenBytes` alone caps the token.
 */
export function transferScope(request: Request, config: ResolvedConfig): { accessTokenCookieBytes?: number } {
  return tokenTransferFor(request) === "cookie" ? { accessTokenCookieBytes: accessTokenCookieBytes(config) } : {};
}

/** The `Authorization: Bearer` credential, if any (an access token, a refresh token, or an admin API key). */
export function bearerToken(request: Request): string | null {
  const value = request.headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : null;
}

/** The presented access token and whether it came in a cookie (which makes CSRF checks apply). */
export function readAccessToken(request: Request, config: ResolvedConfig): { token: string | null; fromCookie: boolean } {
  const bearer = bearerToken(request);
  if (bearer) return { token: bearer, fromCookie: false };
  const cookie = readAccessCookie(request, config);
  return { token: cookie, fromCookie: Boolean(cookie) };
}

/** The access-token cookie alone (a refresh pairs it with the refresh cookie: refresh-session.ts `pairedAccessToken`). */
export function readAccessCookie(request: Request, config: ResolvedConfig): string | null {
  return readCookie(request.headers.get("cookie"), config.session.accessTokenCookieName) || null;
}

export function readRefreshToken(request: Request, config: ResolvedConfig): { token: string | null; fromCookie: boolean } {
  const bearer = bearerToken(request);
  if (bearer) return { token: bearer, fromCookie: false };
  const cookie = readCookie(request.headers.get("cookie"), config.session.refreshTokenCookieName);
  return { token: cookie || null, fromCookie: Boolean(cookie) };
}

export function refreshCookiePath(config: ResolvedConfig): string {
  return `${config.apiBasePath}/session/refresh`;
}

const EXPOSED_HEADERS = "front-token, st-access-token, st-refresh-token, anti-csrf";

/** Writes freshly issued tokens onto a response, the way the request's transfer mode wants. */
export function attachTokens(headers: Headers, config: ResolvedConfig, tokens: IssuedTokens, request: Request, now: Date): void {
  const transfer = tokenTransferFor(request);
  headers.set("front-token", tokens.frontToken);
  headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  if (tokens.antiCsrfToken) headers.set("anti-csrf", tokens.antiCsrfToken);
  if (transfer === "header") {
    headers.set("st-access-token", tokens.accessToken);
    if (tokens.refreshToken) headers.set("st-refresh-token", tokens.refreshToken);
    // A client switched to header mode (web-js's tokenTransferMethod changed between deploys)
    // still holds the session cookies, the refresh cookie now a rotated-out token: presented again
    // (the built-in refresh page, a switch back) it would be taken for theft. Expired here, when
    // the pair moves to headers: beside an access token re-minted alone, the cookie is the only
    // refresh token the client has.
    if (tokens.refreshToken && carriesSessionCookie(request, config)) {
      expireOlderDomainCookies(headers, config);
      if (hasDuplicateSessionCookie(request, config)) expireTossedCookies(headers, config, request);
      expireCookies(headers, config, config.session.cookieDomain);
    }
    return;
  }
  // A client switched to cookie mode keeps sending its stored header-mode tokens as a bearer,
  // which wins over the new cookies (readAccessToken), until an answer empties them: web-js drops
  // a stored token whose header comes back empty. Only when the pair moves to cookies: an access
  // token re-minted alone sets no refresh cookie, and the stored refresh token is the only one.
  if (tokens.refreshToken && bearerToken(request)) {
    headers.set("st-access-token", "");
    headers.set("st-refresh-token", "");
  }
  // Stale copies on a former domain go first: browsers apply Set-Cookie in order.
  expireOlderDomainCookies(headers, config);
  // A tossed copy would hide the new cookies from every page that reads them (readCookie reads a
  // name sent twice as absent), so a sign-in would lead back to the sign-in page, again and again.
  if (hasDuplicateSessionCookie(request, config)) expireTossedCookies(headers, config, request);
  // The access-token cookie outlives the JWT on purpose: an expired token still reaches the
  // server, which then answers "try refresh token" instead of "unauthorised".
  const base = cookieBase(config, config.session.cookieDomain, lifetime(now, config.session.refreshTokenTtlSeconds));
  const { accessTokenCookieName, refreshTokenCookieName } = config.session;
  headers.append("Set-Cookie", serializeCookie(accessTokenCookieName, tokens.accessToken, { ...base, path: "/" }));
  if (tokens.refreshToken) {
    headers.append("Set-Cookie", serializeCookie(refreshTokenCookieName, tokens.refreshToken, { ...base, path: refreshCookiePath(config) }));
  }
}

function cookieBase(config: ResolvedConfig, domain: string | undefined, life: typeof EXPIRED) {
  return {
    httpOnly: true,
    secure: config.session.cookieSecure,
    sameSite: config.session.cookieSameSite,
    domain: domain || undefined,
    ...life,
  };
}

function expireCookies(headers: Headers, config: ResolvedConfig, domain: string | undefined): void {
  const base = cookieBase(config, domain, EXPIRED);
  const { accessTokenCookieName, refreshTokenCookieName } = config.session;
  headers.append("Set-Cookie", serializeCookie(accessTokenCookieName, "", { ...base, path: "/" }));
  headers.append("Set-Cookie", serializeCookie(refreshTokenCookieName, "", { ...base, path: refreshCookiePath(config) }));
}

/** True when the request carries a session cookie, once or more. */
function carriesSessionCookie(request: Request, config: ResolvedConfig): boolean {
  const header = request.headers.get("cookie");
  const { accessTokenCookieName, refreshTokenCookieName } = config.session;
  return (
    readCookie(header, accessTokenCookieName) !== null ||
    readCookie(header, refreshTokenCookieName) !== null ||
    hasDuplicateSessionCookie(request, config)
  );
}

/**
 * True when the request carries a session cookie name twice: a cookie tossed onto a parent
 * domain by a sibling sub-domain. readCookie already reads such a name as absent; the 401 that
 * follows says why (session-errors.ts) and clears both copies as far as it can.
 */
export function hasDuplicateSessionCookie(request: Request, config: ResolvedConfig): boolean {
  const { accessTokenCookieName, refreshTokenCookieName } = config.session;
  return duplicatedCookieNames(request.headers.get("cookie"), [accessTokenCookieName, refreshTokenCookieName]).length > 0;
}

/**
 * Expires the session cookies on every parent domain of the request's host, at the paths
 * Gatehouse uses, so that a tossed copy does not refuse every later request. A copy set with
 * another Path cannot be named from here and keeps being refused until it expires. `__Host-`
 * names are skipped: browsers never let a Domain cookie carry them. With a cookieDomain, the
 * host-only copies too (left by a deployment before the cookieDomain, when olderCookieDomain
 * was not set): each sign-in would otherwise meet them again, a 401 until they expire.
 */
export function expireTossedCookies(headers: Headers, config: ResolvedConfig, request: Request): void {
  if (config.session.cookieDomain) expireCookies(headers, config, undefined);
  for (const domain of parentDomains(addressedHost(config, request))) {
    if (domain === config.session.cookieDomain?.replace(/^\./, "")) continue;
    const base = cookieBase(config, domain, EXPIRED);
    const { accessTokenCookieName, refreshTokenCookieName } = config.session;
    if (!accessTokenCookieName.startsWith("__Host-"))
      headers.append("Set-Cookie", serializeCookie(accessTokenCookieName, "", { ...base, path: "/" }));
    headers.append("Set-Cookie", serializeCookie(refreshTokenCookieName, "", { ...base, path: refreshCookiePath(config) }));
  }
}

/**
 * The app's host the browser addressed: the Host header's name when it is one of the configured
 * origins (appOrigin, trustedOrigins), else appOrigin's. Never `request.url`: under `next start`
 * and the standalone server.js, Next builds it from the server's bind address
 * (`http://localhost:3000/…`) whatever host was asked for, so no parent domain was ever found and
 * no tossed copy expired. Nor the Host header alone: a client may write any, and the domains come
 * from configuration, the header only choosing among them.
 */
function addressedHost(config: ResolvedConfig, request: Request): string {
  const configured = [config.appOrigin, ...config.trustedOrigins].map((origin) => new URL(origin).hostname);
  const host = request.headers.get("host");
  if (host !== null) {
    try {
      const asked = new URL(`http://${host}`).hostname;
      if (configured.includes(asked)) return asked;
    } catch {
      // Not a host: the app origin's.
    }
  }
  return configured[0]!;
}

/**
 * `a.b.example.com` → itself (a Domain cookie for the host, set from a sub-domain of it, is
 * another cookie than the host-only one), `b.example.com`, `example.com`; nothing for IP
 * addresses or one-label hosts.
 */
function parentDomains(host: string): string[] {
  if (/^[\d.]+$/.test(host) || host.includes(":") || host.startsWith("[")) return [];
  const labels = host.split(".");
  const parents: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) parents.push(labels.slice(i).join("."));
  return parents;
}

/**
 * Expires the session cookies left on `olderCookieDomain`, under every name they may have had
 * there. The prefix follows the domain (session.cookiePrefixes: `__Host-` host-only, `__Secure-`
 * with a Domain, none by default once a cookieDomain is set), so a domain change usually renamed
 * them as well, and expiring only today's names would leave the old copies, which still hold a
 * live session (on a parent domain: sent to every sibling sub-domain), where they were.
 */
function expireOlderDomainCookies(headers: Headers, config: ResolvedConfig): void {
  const domain = config.session.olderCookieDomain;
  if (domain === undefined) return;
  const base = cookieBase(config, domain, EXPIRED);
  const { accessTokenCookieName, refreshTokenCookieName } = config.session;
  for (const name of formerCookieNames(config, accessTokenCookieName, { hostOnly: !domain, rootPath: true })) {
    headers.append("Set-Cookie", serializeCookie(name, "", { ...base, path: "/" }));
  }
  for (const name of formerCookieNames(config, refreshTokenCookieName, { hostOnly: !domain, rootPath: false })) {
    headers.append("Set-Cookie", serializeCookie(name, "", { ...base, path: refreshCookiePath(config) }));
  }
}

/** `name` bare and with each prefix a browser would have let it carry there (none without Secure; `__Host-` only host-only at Path=/). */
function formerCookieNames(config: ResolvedConfig, name: string, where: { hostOnly: boolean; rootPath: boolean }): string[] {
  const bare = name.replace(/^__(Host|Secure)-/, "");
  if (!config.session.cookieSecure) return [bare];
  return where.hostOnly && where.rootPath ? [bare, `__Secure-${bare}`, `__Host-${bare}`] : [bare, `__Secure-${bare}`];
}

/** Clears the session on the client: cookies expired, header-mode tokens emptied, front token removed. */
export function clearTokens(headers: Headers, config: ResolvedConfig, transfer: TokenTransfer): void {
  headers.set("front-token", "remove");
  headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  if (transfer === "header") {
    headers.set("st-access-token", "");
    headers.set("st-refresh-token", "");
  }
  // Cookies are cleared in both modes: a client may have switched modes.
  expireOlderDomainCookies(headers, config);
  expireCookies(headers, config, config.session.cookieDomain);
}
