/**
 * Security headers for every page and API answer, applied from next.config.js.
 *
 * - CSP: only this origin may load scripts, styles, frames and form targets; `frame-ancestors
 *   'none'` forbids framing (clickjacking of the sign-in form). Next's App Router renders inline
 *   bootstrap scripts, so scripts need 'unsafe-inline' (and 'unsafe-eval' in `next dev` only);
 *   nonce-based CSP would make every page dynamic.
 * - nosniff, a strict Referrer-Policy (tokens in reset links never leak through Referer),
 *   and X-Frame-Options for browsers that predate frame-ancestors.
 * - HSTS when the app's origin is https. Next computes these headers at `next build`, so HSTS
 *   follows GATEHOUSE_APP_ORIGIN as set at build time (seen here: setting it only for
 *   `next start` does not add the header). Build production with the production origin, as
 *   Vercel does with its environment variables, or let the TLS terminator send HSTS.
 */
export function securityHeaders({ dev = false, appOrigin = process.env.GATEHOUSE_APP_ORIGIN ?? "" } = {}) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
  const headers = [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
  ];
  if (appOrigin.startsWith("https://")) {
    headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  }
  return headers;
}
