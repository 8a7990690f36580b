/**
 * The shared harness of the third-party HTTP suites: a real OpenID Provider on loopback
 * (oidc-provider, scripts/test-oidc-provider.mjs), engines configured with it, and the flows as
 * the clients run them. Used by third-party-flows.ts and third-party-rejections.ts.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../../../scripts/test-oidc-provider.mjs";
import type { GatehouseConfig } from "../../auth/config";
import type { CustomOAuth2Provider } from "../../auth/thirdparty/options";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient, ORIGIN } from "./client";
import { loginAtProvider } from "./oidc-browser";

export const CALLBACK = `${ORIGIN}/auth/callback/oidc-test`;
const REDIRECT_URIS = ["oidc-test", "oidc-twin", "plain"].map((id) => `${ORIGIN}/auth/callback/${id}`);
/** ID tokens carry real times, so these engines run on the real clock. */
export const realClock = () => ({ now: () => new Date(), advanceSeconds: () => {} });

export type AuthClient = ReturnType<typeof createAuthClient>;

/** Registers the provider's start and stop with the surrounding describe; returns the helpers. */
export function useThirdPartyHarness(makeEngine: MakeEngine) {
  let op: TestOidcProvider;
  beforeAll(async () => {
    op = await startTestOidcProvider({ redirectUris: REDIRECT_URIS });
  });
  afterAll(() => op?.close());

  const provider = (id = "oidc-test", issuer = op.issuer) => ({
    id,
    type: "oidc" as const,
    name: "Test OIDC",
    issuer,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
  });
  /** The same provider used as a plain OAuth 2.0 server: explicit endpoints, user-info mapped by hand. */
  const plainOAuth2 = (): CustomOAuth2Provider => ({
    id: "plain",
    type: "oauth2",
    name: "Plain OAuth",
    clientId: op.clientId,
    clientSecret: op.clientSecret,
    scopes: ["openid", "email"],
    authorizationEndpoint: `${op.issuer}/auth`,
    tokenEndpoint: `${op.issuer}/token`,
    userInfoEndpoint: `${op.issuer}/me`,
    mapProfile: ({ fromUserInfoAPI: me = {} }) => ({
      id: `plain:${String(me.sub)}`,
      email: me.email as string,
      emailVerified: me.email_verified === true,
    }),
  });

  async function engine(config: GatehouseConfig = {}) {
    const calls: unknown[][] = [];
    const made = await makeEngine({
      thirdParty: { customProviders: [provider(), provider("oidc-twin"), plainOAuth2()] },
      setJwtPayload: (user, context, action) => (calls.push([user.id, context, action]), { method: context.method }),
      ...config,
    });
    return { ...made, client: createAuthClient(made.ctx), calls };
  }

  /** The FDI flow, as supertokens-web-js runs it: authorisation URL, provider, POST /signinup with the verifier. */
  async function fdiSignIn(client: AuthClient, who: string | { cancel: true }, thirdPartyId = "oidc-test") {
    const redirectUri = `${ORIGIN}/auth/callback/${thirdPartyId}`;
    const started = await client.send(
      "GET",
      `/api/auth/authorisationurl?thirdPartyId=${thirdPartyId}&redirectURIOnProviderDashboard=${encodeURIComponent(redirectUri)}`,
    );
    const { urlWithQueryParams, pkceCodeVerifier } = await started.json();
    const callback = await loginAtProvider(`${urlWithQueryParams}&state=client-state`, who);
    return client.send("POST", "/api/auth/signinup", {
      headers: { rid: "thirdparty" },
      body: {
        thirdPartyId,
        redirectURIInfo: {
          redirectURIOnProviderDashboard: redirectUri,
          redirectURIQueryParams: Object.fromEntries(callback.searchParams),
          pkceCodeVerifier,
        },
      },
    });
  }

  /** The built-in UI: /thirdparty/start (sealed cookie), then the provider; returns the callback URL. */
  async function builtInStart(client: AuthClient, who: string) {
    const start = await client.send("GET", "/api/auth/thirdparty/start?thirdPartyId=oidc-test&redirectToPath=%2Fdashboard");
    expect(start.status).toBe(303);
    return { start, callback: await loginAtProvider(start.headers.get("location")!, who) };
  }
  /** What the callback page posts. */
  const finishBuiltIn = (client: AuthClient, params: Record<string, string>) =>
    client.send("POST", "/api/auth/signinup", {
      body: { thirdPartyId: "oidc-test", redirectURIInfo: { redirectURIOnProviderDashboard: CALLBACK, redirectURIQueryParams: params } },
    });

  return {
    get op() {
      return op;
    },
    provider,
    engine,
    fdiSignIn,
    builtInStart,
    finishBuiltIn,
    login: (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`,
    sessionCookies: (response: Response) => response.headers.getSetCookie().filter((c) => /^sAccessToken=.+/.test(c)),
  };
}
