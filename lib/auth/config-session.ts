/** The deployer's session options: token lifetimes, signing, cookies, CSRF (part of `GatehouseConfig`). */
import type { AccessTokenAudienceOptions } from "./config-tokens";

export type AntiCsrfMode = "VIA_CUSTOM_HEADER" | "VIA_TOKEN" | "NONE";

export interface SessionOptions extends AccessTokenAudienceOptions {
  /** Access-token lifetime in seconds. Env: `GATEHOUSE_ACCESS_TOKEN_TTL`. @default 3600 */
  accessTokenTtlSeconds?: number;
  /**
   * Sliding refresh-token lifetime in seconds. Env: `GATEHOUSE_REFRESH_TOKEN_TTL`. Applies to the
   * sessions already out too: one idle longer than this since its last refresh (or creation) is
   * over, whatever later end its row stored; a longer value extends none past its stored end.
   * @default 8640000 (100 days)
   */
  refreshTokenTtlSeconds?: number;
  /**
   * Absolute cap on a session's life, however active it is. A shorter value applies to the
   * sessions already out (counted from their creation); a longer one never moves their cap.
   * @default 31536000 (365 days)
   */
  absoluteSessionTtlSeconds?: number;
  /**
   * How long the immediate parent of the live refresh token may be presented again without
   * being treated as theft (parallel tabs, lost responses). @default 10
   */
  refreshGraceSeconds?: number;
  /**
   * Access-token signing algorithm. An RS256 token verifies about 3× faster on first sight (about
   * 22 µs against 65 µs here), and every request's session check may be one; EdDSA signs about
   * 8× faster, which a refresh under load barely shows (`npm run bench`, docs/performance.md).
   * Whatever verifies your tokens elsewhere (JWKS consumers) must support the one you choose.
   * @default "RS256"
   */
  signingAlgorithm?: "RS256" | "EdDSA";
  /** A new signing key is made after this many seconds. @default 604800 (7 days) */
  keyRotationIntervalSeconds?: number;
  /** @default "VIA_CUSTOM_HEADER" */
  antiCsrf?: AntiCsrfMode;
  /** @default "lax" */
  cookieSameSite?: "lax" | "strict" | "none";
  /** @default true when the app origin is https */
  cookieSecure?: boolean;
  /**
   * Share the session across sub-domains, e.g. ".example.com": the app origin's host or a parent
   * of it, and not a public suffix ("vercel.app", "co.uk"), whose cookies browsers drop; the
   * server refuses to start with either. @default undefined (host-only)
   */
  cookieDomain?: string;
  /**
   * The domain session cookies were set on before `cookieDomain` changed; Gatehouse expires
   * cookies on it with every session response so browsers drop the stale copies. `""` names
   * host-only cookies. @default undefined (nothing to clear)
   */
  olderCookieDomain?: string;
  /**
   * The cookie name without its prefix (see `cookiePrefixes`). @default "sAccessToken"
   */
  accessTokenCookieName?: string;
  /** The cookie name without its prefix (see `cookiePrefixes`). @default "sRefreshToken" */
  refreshTokenCookieName?: string;
  /**
   * Prefix the server's cookie names so that no other site can set them (cookie tossing: a
   * sibling sub-domain or an http page of this host planting its own session cookie). Browsers
   * only accept a `__Host-` cookie that is Secure, host-only and `Path=/`, and a `__Secure-`
   * cookie that is Secure. Then the access-token and third-party state cookies are `__Host-…`;
   * the refresh cookie is `__Secure-…`, because its Path is the refresh endpoint and `__Host-`
   * demands `Path=/` (keeping the refresh token off every other request is worth more). With a
   * `cookieDomain` every cookie is `__Secure-…`. Names set by browser code (`sFrontToken`,
   * `sAntiCsrf`, `st-last-access-token-update`) are read by supertokens-web-js and keep theirs.
   * Turning this on renames the cookies, so browsers that signed in before sign in once again.
   * Needs secure cookies.
   * @default true when the app origin is https and no `cookieDomain` is set
   */
  cookiePrefixes?: boolean;
  /**
   * Access tokens longer than this are refused before any parsing, and none longer is issued (the
   * sign-in or refresh fails with CONFIG_INVALID). A token issued into a cookie is held to what
   * the cookie holds as well (4096 bytes with its name, whatever this says): a longer cookie is
   * dropped by browsers without a word and the user is signed out in a loop. So this caps
   * header-mode clients (`st-auth-mode: header`), and a deployer's payload change outside a request.
   * @default 8192
   */
  maxAccessTokenBytes?: number;
  /**
   * How often, at most, each instance re-reads the recent revocations, in ms: a session revoked
   * on one instance is refused on every other within this time, without `checkDatabase`.
   * Syncs are triggered by requests, never by timers. @default 1000
   */
  revocationSyncIntervalMs?: number;
}
