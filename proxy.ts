import { createSessionProxy } from "@/lib/next/proxy";

/**
 * Next 16's proxy (formerly middleware): sends visitors without a session away from the
 * protected paths below, before the page renders. Every other request passes untouched.
 *
 * Runtime: proxy.ts always runs on the Node.js runtime in Next 16 (the docs' "Runtime" section;
 * `next build` refuses a `runtime` export here: "Proxy always runs on Node.js runtime"). So it
 * imports our Node-only code: `gatehouse()` with node:crypto, and the Prisma stores, used only to
 * load the signing keys into the in-process cache once (and again on an unknown `kid`). Tokens
 * are then verified by the one verifier everything else uses, with no database call per request.
 * We do not fetch our own JWKS over HTTP: that would be a second verifier to keep in step, and a
 * request from the server to itself on a cold start.
 *
 * The proxy is a first gate for page loads, not the only one: server actions, route handlers
 * and pages reading user data still verify the session themselves (Next's docs say the same).
 */

/**
 * The protected path prefixes (whole segments: "/examples/protected" covers
 * "/examples/protected/x", not "/examples/protectedx"). Other paths pass untouched.
 */
export const PROTECTED_PATH_PREFIXES = ["/examples/protected"] as const;

export const proxy = createSessionProxy({ protectedPathPrefixes: PROTECTED_PATH_PREFIXES });

/**
 * The proxy also maps the configured `websiteBasePath` / `apiBasePath` onto app/auth and
 * app/api/auth at run time (lib/next/base-paths.ts), and those paths come from lib/config, not
 * from this file. The matcher is a literal that Next reads at build time, so it cannot name them:
 * it covers every path except the hot ones that never need the proxy: Next's static files, the
 * favicon and the default auth API `/api/auth/*` (its own router refuses paths outside the
 * configured apiBasePath). lib/next/proxy.test.ts checks both sides.
 */
export const config = {
  matcher: ["/((?!_next/|favicon\\.ico$|api/auth(?:/|$)).*)"],
};
