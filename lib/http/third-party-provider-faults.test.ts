/**
 * A provider that misbehaves: each of its endpoints (discovery, token, user-info, the JWKS of both
 * the code flow and the oAuthTokens path) hangs, trickles, redirects, or answers something that is not OAuth. Every
 * case must end as GENERAL_ERROR with the code the docs promise for it (PROVIDER_UNREACHABLE),
 * with no session and nothing written. A request that hangs is cut off by requestTimeoutSeconds:
 * the tests check which timeout each request was given, never how long anything took.
 */
import type http from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, ORIGIN } from "./testing/client";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, fakeOidcProvider, startFakeProvider, type FakeAnswer, type FakeProvider } from "./testing/fake-provider";
import { realClock } from "./testing/third-party-harness";

const CALLBACK = `${ORIGIN}/auth/callback/fake`;
/** requestTimeoutSeconds where an endpoint hangs: short, so that the test does not wait long. */
const TIMEOUT_SECONDS = 1;
/**
 * requestTimeoutSeconds everywhere else. A case about an answer must not hinge on the machine's
 * speed: with 1 s, a loaded CI machine (unit tests beside the e2e build) had the healthy
 * endpoints before the broken one time out, and "the fake itself works" answered GENERAL_ERROR.
 */
const ANSWERING_TIMEOUT_SECONDS = 30;

/** The answer the docs promise for a provider that is down, slow or not speaking OAuth. */
const unreachable = (why: "did not answer in time" | "answered unexpectedly", provider = "Fake") => ({
  status: "GENERAL_ERROR",
  code: "PROVIDER_UNREACHABLE",
  message: `${provider} ${why}. Please try again later.`,
});

const hang: FakeAnswer = () => {};
const trickle: FakeAnswer = (_request, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.write('{"access_token":');
};
const html: FakeAnswer = (_request: http.IncomingMessage, response: http.ServerResponse) => {
  response.writeHead(200, { "content-type": "text/html" });
  response.end("<!doctype html><title>Maintenance</title>");
};

describe("third-party sign-in against a misbehaving provider", () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeProvider();
  });
  afterAll(() => fake?.close());
  beforeEach(() => fake.reset());
  afterEach(() => vi.restoreAllMocks());

  function engine(timeoutSeconds = ANSWERING_TIMEOUT_SECONDS) {
    const made = createTestEngine(
      {
        thirdParty: {
          requestTimeoutSeconds: timeoutSeconds,
          customProviders: [
            {
              id: "plain",
              type: "oauth2",
              name: "Plain",
              clientId: FAKE_CLIENT_ID,
              clientSecret: FAKE_CLIENT_SECRET,
              authorizationEndpoint: `${fake.issuer}/authorize`,
              tokenEndpoint: `${fake.issuer}/token`,
              userInfoEndpoint: `${fake.issuer}/userinfo`,
              mapProfile: ({ fromUserInfoAPI: me = {} }) => ({ id: String(me.sub), email: me.email as string, emailVerified: false }),
            },
            fakeOidcProvider(fake),
          ],
        },
      },
      { clock: realClock() },
    );
    return { ...made, client: createAuthClient(made.ctx) };
  }

  /** The FDI flow; with `broken`, that endpoint misbehaves from the start (discovery) or once the authorisation URL is made. */
  async function signIn(broken?: { endpoint: "discovery" | "token" | "jwks" | "userinfo"; how?: FakeAnswer; pad?: number }, timeoutSeconds?: number) {
    const { client, ctx } = engine(timeoutSeconds);
    const breakIt = () => broken && (broken.pad ? fake.pad(broken.endpoint, broken.pad) : fake.answer(broken.endpoint, broken.how!));
    if (broken?.endpoint === "discovery") breakIt();
    const started = await client.send(
      "GET",
      `/api/auth/authorisationurl?thirdPartyId=fake&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`,
    );
    const url = await started.json();
    if (url.status !== "OK") return { response: started, body: url, ctx };
    fake.expectNonceFrom(url.urlWithQueryParams);
    if (broken && broken.endpoint !== "discovery") breakIt();
    const response = await client.send("POST", "/api/auth/signinup", {
      body: {
        thirdPartyId: "fake",
        redirectURIInfo: { redirectURIOnProviderDashboard: CALLBACK, redirectURIQueryParams: { code: "c" }, pkceCodeVerifier: url.pkceCodeVerifier },
      },
    });
    return { response, body: await response.json(), ctx };
  }

  /**
   * openid-client and jose each bound a request with AbortSignal.timeout: the durations asked for
   * say which timeout every request had (the configured second, not openid-client's 30 s or
   * jose's 5 s), whatever the machine's speed.
   */
  const expectEveryRequestUnderTheTimeout = (timeout: { mock: { calls: [milliseconds: number][] } }) => {
    const asked = timeout.mock.calls.map(([ms]) => ms);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).toEqual(asked.map(() => TIMEOUT_SECONDS * 1000));
  };

  const nothingWritten = async (result: Awaited<ReturnType<typeof signIn>>) => {
    expect(result.response.headers.getSetCookie().filter((c) => c.startsWith("sAccessToken="))).toEqual([]);
    expect(await result.ctx.stores.thirdParty.findAccount("fake", "fake-sub")).toBeNull();
  };

  it("signs in when the provider behaves (the fake itself works)", async () => {
    const { body } = await signIn();
    expect(body).toMatchObject({ status: "OK", user: { thirdParty: [{ id: "fake", userId: "fake-sub" }] } });
  });

  // The JWKS too: the code flow's ID token is checked against the provider's keys.
  for (const endpoint of ["discovery", "token", "jwks", "userinfo"] as const) {
    it(`${endpoint} hangs, or sends half a body and stops: PROVIDER_UNREACHABLE, every request under requestTimeoutSeconds`, async () => {
      for (const how of [hang, trickle]) {
        const timeout = vi.spyOn(AbortSignal, "timeout");
        const result = await signIn({ endpoint, how }, TIMEOUT_SECONDS);
        expect(result.body).toEqual(unreachable("did not answer in time"));
        expectEveryRequestUnderTheTimeout(timeout);
        timeout.mockRestore();
        await nothingWritten(result);
      }
    });

    it(`${endpoint} answers JSON that is not an object, HTML, a 500, or a redirect (not followed): PROVIDER_UNREACHABLE`, async () => {
      const elsewhere = `${fake.issuer}/elsewhere`;
      const redirect: FakeAnswer = (_request, response) => {
        response.writeHead(302, { location: elsewhere });
        response.end();
      };
      for (const how of [{ json: ["not", "an", "object"] }, { json: null }, html, { json: { error: "server_error" }, status: 500 }, redirect]) {
        const result = await signIn({ endpoint, how });
        expect(result.body).toEqual(unreachable("answered unexpectedly"));
        await nothingWritten(result);
      }
      expect(fake.hits.get("/elsewhere")).toBeUndefined();
    });
  }

  it("an answer far larger than any OAuth answer (8 MiB of valid JSON), from any endpoint: PROVIDER_UNREACHABLE", async () => {
    for (const endpoint of ["discovery", "token", "jwks", "userinfo"] as const) {
      fake.reset();
      // The default timeout is long enough for the whole answer: it is the size that must stop it.
      const result = await signIn({ endpoint, pad: 8 * 1024 * 1024 });
      expect(result.body, endpoint).toEqual(unreachable("answered unexpectedly"));
      await nothingWritten(result);
    }
  });

  it("a plain OAuth 2.0 provider's user-info answering HTML: PROVIDER_UNREACHABLE, none of the page's text in the answer", async () => {
    const { client, ctx } = engine();
    const redirectUri = `${ORIGIN}/auth/callback/plain`;
    const url = await (
      await client.send("GET", `/api/auth/authorisationurl?thirdPartyId=plain&redirectURIOnProviderDashboard=${encodeURIComponent(redirectUri)}`)
    ).json();
    fake.expectNonceFrom(url.urlWithQueryParams);
    fake.answer("userinfo", html);
    const response = await client.send("POST", "/api/auth/signinup", {
      body: {
        thirdPartyId: "plain",
        redirectURIInfo: {
          redirectURIOnProviderDashboard: redirectUri,
          redirectURIQueryParams: { code: "c" },
          pkceCodeVerifier: url.pkceCodeVerifier,
        },
      },
    });
    expect(await response.json()).toEqual(unreachable("answered unexpectedly", "Plain"));
    expect(await ctx.stores.thirdParty.findAccount("plain", "fake-sub")).toBeNull();
  });

  it("user-info about another account than the ID token's: still a validation failure (ID_TOKEN_INVALID), not an outage", async () => {
    const result = await signIn({ endpoint: "userinfo", how: { json: { sub: "someone-else", email: "fake@example.com", email_verified: true } } });
    expect(result.body).toMatchObject({ status: "GENERAL_ERROR", code: "ID_TOKEN_INVALID", message: expect.stringContaining('"sub"') });
    await nothingWritten(result);
  });

  describe("oAuthTokens: the provider's JWKS", () => {
    const withToken = async (timeoutSeconds?: number) => {
      const { client, ctx } = engine(timeoutSeconds);
      const idToken = await fake.idToken({ nonce: undefined });
      const response = await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "fake", oAuthTokens: { id_token: idToken } } });
      return { response, body: await response.json(), ctx };
    };

    it("hangs: PROVIDER_UNREACHABLE, the key set fetched under requestTimeoutSeconds (not jose's own 5 s)", async () => {
      fake.answer("jwks", hang);
      const timeout = vi.spyOn(AbortSignal, "timeout");
      const result = await withToken(TIMEOUT_SECONDS);
      expect(result.body).toEqual(unreachable("did not answer in time"));
      // Discovery, then the key set.
      expect(timeout).toHaveBeenCalledTimes(2);
      expectEveryRequestUnderTheTimeout(timeout);
      await nothingWritten(result);
    });

    it("answers a 500, HTML, something that is not a key set, or a key set of 8 MiB: PROVIDER_UNREACHABLE", async () => {
      for (const how of [{ json: { error: "server_error" }, status: 500 }, html, { json: { keys: "none" } }, "8 MiB"] as const) {
        fake.reset();
        if (how === "8 MiB") fake.pad("jwks", 8 * 1024 * 1024);
        else fake.answer("jwks", how);
        const result = await withToken();
        expect(result.body).toEqual(unreachable("answered unexpectedly"));
        await nothingWritten(result);
      }
    });
  });
});
