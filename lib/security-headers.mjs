/**
 * Security headers, in two parts.
 *
 * securityHeaders(): the headers every answer carries, applied from next.config.js:
 * - nosniff, a strict Referrer-Policy (tokens in reset links never leak through Referer),
 *   and X-Frame-Options for browsers that predate frame-ancestors;
 * - HSTS when the app's origin is https. Next computes these headers at `next build`, so HSTS
 *   follows GATEHOUSE_APP_ORIGIN as set at build time (seen here: setting it only for
 *   `next start` does not add the header). Build production with the production origin, as
 *   Vercel does with its environment variables, or let the TLS terminator send HSTS;
 * - a Content-Security-Policy for the answers the proxy does not see (the auth API, Next's
 *   static files: proxy.ts's matcher): no content at all may load or run there.
 *
 * contentSecurityPolicy(): the policy of every page, set per request by the proxy
 * (lib/next/content-security-policy.ts) with a fresh nonce, which Next puts on each script it
 * writes into the page.
 */
export function securityHeaders({ appOrigin = process.env.GATEHOUSE_APP_ORIGIN ?? "" } = {}) {
  const headers = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
  ];
  if (appOrigin.startsWith("https://")) {
    headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  }
  return headers;
}

/**
 * The built-in pages (at the default websiteBasePath, under app/auth) whose URL can carry a token:
 * - opened from an emailed link whose query carries one: a reset, a verification, a passkey
 *   recovery, an invitation;
 * - the provider callback, whose query is the provider's answer (the authorisation code and
 *   state, and from Apple's form POST its ID token and the user's name and email);
 * - the pages that take a `redirectToPath`, which can name one of those: signed out, the
 *   invitation page sends its invitee to sign in or up with
 *   `redirectToPath=/auth/accept-invitation?token=…`, by way of /auth/refresh or /auth/mfa too.
 * They answer `Referrer-Policy: no-referrer`, or the page's own requests (scripts, styles, API
 * calls) would carry the token as Referer into every access and CDN log on the way. next.config.js
 * sets it on these paths (in its `source` syntax: `:provider` is one path segment); the proxy on
 * the same pages under a configured websiteBasePath (isNoReferrerPage).
 */
export const NO_REFERRER_PAGES = [
  "/auth/reset-password",
  "/auth/verify-email",
  "/auth/webauthn/recover",
  "/auth/accept-invitation",
  "/auth/callback/:provider",
  "/auth",
  "/auth/refresh",
  "/auth/mfa",
  "/auth/verify",
];

/**
 * Whether a page's path (at the default websiteBasePath, decoded) is one of NO_REFERRER_PAGES,
 * read as next.config.js reads them: a `:name` segment stands for any one non-empty segment.
 * @param {string} path
 */
export function isNoReferrerPage(path) {
  const segments = path.split("/");
  return NO_REFERRER_PAGES.some((page) => {
    const pattern = page.split("/");
    return pattern.length === segments.length && pattern.every((part, i) => (part.startsWith(":") ? segments[i] !== "" : part === segments[i]));
  });
}

/** For answers that are never a page (JSON, redirects, files): nothing may load, run or frame them. */
export const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A page's Content-Security-Policy.
 * - Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic':
 *   Next's runtime adds its chunks as script elements, which a nonced script may do; markup
 *   that an attacker injects is parser-inserted and has no nonce, so it never runs). No
 *   'unsafe-inline': inline scripts and event-handler attributes are refused. 'self' only
 *   serves browsers without 'strict-dynamic' (CSP 2), which ignore it otherwise.
 *   `next dev` also needs 'unsafe-eval' (React rebuilds server error stacks with eval).
 * - Styles: this origin's stylesheets and nonced <style> elements; no inline style attributes.
 *   `next dev` injects its CSS as <style> elements without a nonce, so there (only) styles
 *   need 'unsafe-inline'.
 * - Everything else from this origin only; no plugins, no framing (clickjacking of the sign-in
 *   form), forms post only here, and no <base> pointing elsewhere.
 * @param {{ nonce: string, dev?: boolean }} options
 */
export function contentSecurityPolicy({ nonce, dev = false }) {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("a CSP nonce is base64");
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
