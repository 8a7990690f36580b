import { describe, expect, it } from "vitest";
import { resolveThirdPartyConfig } from "./resolve-third-party";

describe("resolveThirdPartyConfig", () => {
  it("defaults: no providers, linking only between verified emails, 10-minute state", () => {
    expect(resolveThirdPartyConfig()).toEqual({ providers: [], accountLinking: "verified-only", stateTtlSeconds: 600, requestTimeoutSeconds: 10 });
  });

  it("enables a built-in provider only when its client id and secret are both set", () => {
    const resolved = resolveThirdPartyConfig({
      providers: {
        google: { clientId: "id", clientSecret: "secret" },
        github: { clientId: "id", clientSecret: undefined },
        discord: { clientId: "", clientSecret: "secret" },
        apple: { clientId: "com.example", teamId: "T", keyId: "", privateKey: "pem" },
      },
    });
    expect(resolved.providers.map((p) => p.id)).toEqual(["google"]);
  });

  it("accepts ID tokens without a nonce from this server (oAuthTokens) only where a provider opts in", () => {
    const both = { clientId: "id", clientSecret: "secret" };
    const { providers } = resolveThirdPartyConfig({
      providers: { google: { ...both, acceptIdTokenWithoutNonce: true }, gitlab: both },
      customProviders: [
        { id: "corp", type: "oidc", name: "Corp", issuer: "https://sso.example.com", ...both, acceptIdTokenWithoutNonce: true },
        { id: "other", type: "oidc", name: "Other", issuer: "https://other.example.com", ...both },
      ],
    });
    expect(Object.fromEntries(providers.map((p) => [p.id, p.acceptIdTokenWithoutNonce]))).toEqual({
      google: true,
      gitlab: false,
      corp: true,
      other: false,
    });
  });

  it("takes each built-in's endpoints, scopes and token authentication from the preset table", () => {
    const both = { clientId: "id", clientSecret: "secret" };
    const { providers } = resolveThirdPartyConfig({
      providers: {
        google: both,
        github: both,
        facebook: both,
        discord: both,
        linkedin: both,
        twitter: both,
        bitbucket: both,
        microsoft: { ...both, tenant: "contoso.onmicrosoft.com" },
        gitlab: { ...both, baseUrl: "https://git.example.com/" },
        apple: { clientId: "com.example.web", teamId: "T", keyId: "K", privateKey: "pem" },
      },
    });
    const summary = Object.fromEntries(providers.map((p) => [p.id, [p.kind, p.issuer ?? p.endpoints!.token, p.clientAuth.method, p.formPost]]));
    expect(summary).toEqual({
      google: ["oidc", "https://accounts.google.com", "client_secret_post", false],
      github: ["oauth2", "https://github.com/login/oauth/access_token", "client_secret_post", false],
      facebook: ["oauth2", "https://graph.facebook.com/v21.0/oauth/access_token", "client_secret_post", false],
      discord: ["oauth2", "https://discord.com/api/oauth2/token", "client_secret_post", false],
      linkedin: ["oidc", "https://www.linkedin.com/oauth", "client_secret_post", false],
      twitter: ["oauth2", "https://api.x.com/2/oauth2/token", "client_secret_basic", false],
      bitbucket: ["oauth2", "https://bitbucket.org/site/oauth2/access_token", "client_secret_basic", false],
      microsoft: ["oidc", "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", "client_secret_post", false],
      gitlab: ["oidc", "https://git.example.com", "client_secret_post", false],
      apple: ["oidc", "https://appleid.apple.com", "apple_jwt", true],
    });
    expect(providers.find((p) => p.id === "apple")!.authorizationParams).toEqual({ response_mode: "form_post" });
    expect(providers.find((p) => p.id === "github")!.scopes).toEqual(["read:user", "user:email"]);
  });

  it("resolves custom OIDC and OAuth 2.0 providers, http only on loopback", () => {
    const mapProfile = () => ({ id: "x", emailVerified: false });
    const { providers } = resolveThirdPartyConfig({
      customProviders: [
        { id: "corp", type: "oidc", name: "Corp SSO", issuer: "https://sso.corp.example", clientId: "c", clientSecret: "s" },
        { id: "local", type: "oidc", name: "Local", issuer: "http://127.0.0.1:9999", clientId: "c", clientSecret: "s" },
        {
          id: "legacy",
          type: "oauth2",
          name: "Legacy",
          clientId: "c",
          clientSecret: "s",
          mapProfile,
          authorizationEndpoint: "https://legacy.example/authorize",
          tokenEndpoint: "https://legacy.example/token",
          userInfoEndpoint: "https://legacy.example/me",
        },
        { id: "off", type: "oidc", name: "Off", issuer: "https://off.example", clientId: undefined, clientSecret: "s" },
      ],
    });
    expect(providers.map((p) => [p.id, p.kind, p.allowInsecureRequests])).toEqual([
      ["corp", "oidc", false],
      ["local", "oidc", true],
      ["legacy", "oauth2", false],
    ]);
    expect(providers[2]!.mapProfile).toBe(mapProfile);
  });

  it("refuses what cannot work, at start-up", () => {
    const creds = { clientId: "c", clientSecret: "s" };
    expect(() =>
      resolveThirdPartyConfig({ customProviders: [{ id: "a", type: "oidc", name: "A", issuer: "http://sso.example", ...creds }] }),
    ).toThrow(/https/);
    expect(() =>
      resolveThirdPartyConfig({ customProviders: [{ id: "bad id", type: "oidc", name: "A", issuer: "https://sso.example", ...creds }] }),
    ).toThrow(/id must be/);
    expect(() =>
      resolveThirdPartyConfig({
        providers: { google: creds },
        customProviders: [{ id: "google", type: "oidc", name: "A", issuer: "https://sso.example", ...creds }],
      }),
    ).toThrow(/two providers/);
    // Nor two whose ids differ only in case: MySQL's provider-id column ignores case.
    expect(() =>
      resolveThirdPartyConfig({
        providers: { github: creds },
        customProviders: [{ id: "GitHub", type: "oidc", name: "GitHub Enterprise", issuer: "https://ghe.example", ...creds }],
      }),
    ).toThrow(/two providers have the id "GitHub"/);
    expect(() => resolveThirdPartyConfig({ accountLinking: "always" as never })).toThrow(/accountLinking/);
    expect(() => resolveThirdPartyConfig({ stateTtlSeconds: 0 })).toThrow(/stateTtlSeconds/);
  });
});

describe("resolveThirdPartyConfig: times the runtime can hold", () => {
  // Both were checked only for > 0. openid-client waits `requestTimeoutSeconds` with a timer, and
  // Node cuts a timer past 2^31 - 1 ms to 1 ms: a timeout of 25 days or more aborted every
  // request to the provider at once (every third-party sign-in PROVIDER_UNREACHABLE). A state
  // lifetime past what a Date holds made an invalid expiry that no sign-in came back within.
  it.each([
    [{ requestTimeoutSeconds: 2_147_484 }, "requestTimeoutSeconds"],
    [{ requestTimeoutSeconds: Number.POSITIVE_INFINITY }, "requestTimeoutSeconds"],
    [{ stateTtlSeconds: 1e14 }, "stateTtlSeconds"],
    [{ stateTtlSeconds: Number.NaN }, "stateTtlSeconds"],
  ])("refuses %j, naming %s", (options, name) => {
    expect(() => resolveThirdPartyConfig(options)).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(`thirdParty.${name}`) }),
    );
  });

  it("keeps the longest timeout a timer holds", () => {
    expect(resolveThirdPartyConfig({ requestTimeoutSeconds: 2_147_483 }).requestTimeoutSeconds).toBe(2_147_483);
  });
});
