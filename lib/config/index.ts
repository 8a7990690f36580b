import type { GatehouseConfig } from "../auth/config";
import { signUpFields } from "./sign-up-fields";
import { credentialValidators } from "./validators";

/**
 * The deployer's configuration. Everything here is optional: hover a field for its default.
 * Environment variables (docs/configuration.md) override the origin and the token lifetimes.
 *
 * This example app puts a role and the sign-in method in the access token, so the dashboard
 * and the browser client have something to show. Replace it with what your app needs.
 */
export const gatehouseConfig: GatehouseConfig = {
  appName: "Gatehouse",
  emailPassword: { signUpFields, validators: credentialValidators },
  ui: { termsOfServiceUrl: "/terms", privacyPolicyUrl: "/privacy" },
  // Where the built-in UI and the auth API answer (defaults "/auth" and "/api/auth"), applied at
  // run time by the proxy (lib/next/base-paths.ts):
  // websiteBasePath: "/login", apiBasePath: "/api/identity",
  // The proxies in front of the app: they make the client's address known to the rate limits, the
  // audit log and the session list (docs/security.md, "Behind a proxy"). Unset: "vercel" on Vercel, else "none"
  // (no forwarding header believed, the address is unknown). Behind one nginx or Caddy:
  // trustedProxy: { hops: 1 },
  // "REQUIRED" refuses sessions (403 invalid claim) until the email is verified.
  emailVerification: { mode: "OPTIONAL" },
  // Third-party sign-in: each built-in provider switches on once its credentials are set.
  thirdParty: {
    providers: {
      google: { clientId: process.env.GATEHOUSE_GOOGLE_CLIENT_ID, clientSecret: process.env.GATEHOUSE_GOOGLE_CLIENT_SECRET },
      github: { clientId: process.env.GATEHOUSE_GITHUB_CLIENT_ID, clientSecret: process.env.GATEHOUSE_GITHUB_CLIENT_SECRET },
    },
  },
  // Created at start-up when missing. `admin` opens the admin API and /examples/admin.
  userRoles: { roles: { admin: ["users:read", "users:write", "roles:write"] } },
  // Where rate limits count: GATEHOUSE_RATE_LIMIT_STORE=database shares them between every
  // instance on the database (several `next start` processes, serverless); unset: in memory.
  // Any other value is refused at start-up (resolveConfig), so a typo cannot go unnoticed.
  rateLimits: { store: (process.env.GATEHOUSE_RATE_LIMIT_STORE || "memory") as "memory" | "database" },
  setJwtPayload: (_user, context) => ({ role: "user", method: context.method }),
  setSessionData: (_user, context, action) => ({ firstAction: action, method: context.method }),
};
