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
  // The environment switches exist so that one build runs every way in the e2e suite
  // (e2e/sign-up-default.spec.ts); a real app would write the values here.
  ui: {
    termsOfServiceUrl: "/terms",
    privacyPolicyUrl: "/privacy",
    defaultToSignUp: process.env.GATEHOUSE_UI_DEFAULT_TO_SIGN_UP === "1",
    locale: process.env.GATEHOUSE_UI_LOCALE || undefined,
  },
  // Where the built-in UI and the auth API answer (defaults "/auth" and "/api/auth"). Read from the
  // environment in this example so one build runs both ways (e2e/base-paths.spec.ts); a real app
  // would simply write e.g. `websiteBasePath: "/login", apiBasePath: "/api/identity"`. Applied at
  // run time by the proxy: no rebuild needed (lib/next/base-paths.ts).
  websiteBasePath: process.env.GATEHOUSE_WEBSITE_BASE_PATH || undefined,
  apiBasePath: process.env.GATEHOUSE_API_BASE_PATH || undefined,
  // Sub-domain sessions, read from the environment in this example so that one build can be
  // run both ways (the e2e suite runs it on a.gatehouse.test and b.gatehouse.test).
  session: { cookieDomain: process.env.GATEHOUSE_COOKIE_DOMAIN || undefined },
  trustedOrigins: process.env.GATEHOUSE_TRUSTED_ORIGINS?.split(",").filter(Boolean) ?? [],
  // The proxies in front of the app: they make the client's address known to the rate limits, the
  // audit log and the session list (docs/security.md, "Behind a proxy"). Unset: "vercel" on Vercel, else "none"
  // (no forwarding header believed, the address is unknown). Behind one nginx or Caddy:
  // trustedProxy: { hops: 1 },
  // OPTIONAL unless GATEHOUSE_EMAIL_VERIFICATION=REQUIRED, so one build runs both ways (the e2e
  // suite starts a second server in REQUIRED mode). A real app would simply write the mode here.
  emailVerification: { mode: process.env.GATEHOUSE_EMAIL_VERIFICATION === "REQUIRED" ? "REQUIRED" : "OPTIONAL" },
  // Third-party sign-in: each built-in provider switches on once its credentials are set. The
  // e2e suite's OpenID Provider on loopback (e2e/third-party.spec.ts) comes in the same way.
  thirdParty: {
    providers: {
      google: { clientId: process.env.GATEHOUSE_GOOGLE_CLIENT_ID, clientSecret: process.env.GATEHOUSE_GOOGLE_CLIENT_SECRET },
      github: { clientId: process.env.GATEHOUSE_GITHUB_CLIENT_ID, clientSecret: process.env.GATEHOUSE_GITHUB_CLIENT_SECRET },
    },
    customProviders: process.env.GATEHOUSE_TEST_OIDC_ISSUER
      ? [{
          id: "oidc-test",
          type: "oidc",
          name: "Test OIDC",
          issuer: process.env.GATEHOUSE_TEST_OIDC_ISSUER,
          clientId: process.env.GATEHOUSE_TEST_OIDC_CLIENT_ID,
          clientSecret: process.env.GATEHOUSE_TEST_OIDC_CLIENT_SECRET,
        }]
      : [],
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
