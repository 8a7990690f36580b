import path from "node:path";
import { fileURLToPath } from "node:url";
import { NO_CONTENT_POLICY, NO_REFERRER_PAGES, securityHeaders } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      // Pages get their Content-Security-Policy, with a nonce per request, from the proxy
      // (lib/next/proxy.ts). These are the paths its matcher skips (proxy.ts): never a page.
      ...["/api/auth/:path*", "/_next/:path*"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: NO_CONTENT_POLICY }],
      })),
      // The pages opened from an emailed token link carry the token in their URL: no Referer at
      // all (a later entry wins for the same header). These are the default websiteBasePath's
      // paths: next.config is read at build time, so a websiteBasePath configured in lib/config
      // gets the same header from the proxy instead (lib/next/proxy.ts).
      ...NO_REFERRER_PAGES.map((source) => ({
        source,
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      })),
    ];
  },
  // Native and driver packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@node-rs/bcrypt", "better-sqlite3", "pg", "mariadb"],
  poweredByHeader: false,
  // `next dev` serves its scripts and hot reload only to pages on localhost unless told otherwise:
  // opened at http://127.0.0.1:3000 or http://[::1]:3000, a page would render but never hydrate.
  // Loopback hosts only, and read by `next dev` alone (lib/http/dev-origin.ts is the API's side).
  allowedDevOrigins: ["127.0.0.1", "[::1]"],
  // `next build` also writes <distDir>/standalone: server.js with only the files it needs, which
  // the Docker image runs (scripts/standalone-bundle.mjs, Dockerfile). `next start` still serves
  // the ordinary build, printing a warning that it "does not work" with standalone (it does).
  output: "standalone",
  // The project folder, not a parent with another lockfile: server.js lands at
  // <distDir>/standalone/server.js, where the bundle script and docs/docker.md expect it.
  outputFileTracingRoot: path.dirname(fileURLToPath(import.meta.url)),
  // Lets a tool build a second copy beside the usual one (the benchmarks do, so that a
  // benchmark and an e2e run never overwrite each other's build). Unset: ".next".
  distDir: process.env.GATEHOUSE_NEXT_DIST_DIR || ".next",
  // `next build` type-checks the app as `npm run typecheck` does. `npm test` runs that check
  // first and alone, then builds for the e2e suite with this set (scripts/test-all.mjs →
  // scripts/e2e-server.mjs), so the same check doesn't run twice on CI's two cores. Unset, as in
  // every other build: Next checks the types and a type error fails the build.
  typescript: { ignoreBuildErrors: process.env.GATEHOUSE_BUILD_SKIP_TYPECHECK === "1" },
  // `next dev` (Next 16.5) otherwise writes an AGENTS.md of its own into the project, and keeps
  // re-adding its blocks: a file the team never wrote, left untracked by `npm run dev` and by
  // `npm test` (e2e/newcomer-dev.spec.ts checks). A team that wants it sets these back.
  agentRules: false,
  // forbidden() renders app/forbidden.tsx for a session that lacks a role (lib/next/require-roles.ts).
  experimental: { authInterrupts: true, agentUpgrade: false },
};

export default nextConfig;
