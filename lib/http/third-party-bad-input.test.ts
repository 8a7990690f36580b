/**
 * POST /signinup with a body that is well-formed but holds no answer of a provider: refused as
 * bad input before any provider is asked, never reported as a provider or ID-token failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, ORIGIN } from "./testing/client";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeProvider, type FakeProvider } from "./testing/fake-provider";
import { realClock } from "./testing/third-party-harness";

const CALLBACK = `${ORIGIN}/auth/callback/fake`;
const VERIFIER = "v".repeat(43);

describe("POST /signinup without the provider's answer", () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeProvider();
  });
  afterAll(() => fake?.close());

  it("redirectURIQueryParams with neither a code nor an error: 400 BAD_INPUT_ERROR, the provider not asked, no failed sign-in logged", async () => {
    const { ctx } = createTestEngine(
      {
        thirdParty: {
          customProviders: [
            { id: "fake", type: "oidc", name: "Fake", issuer: fake.issuer, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET },
          ],
        },
      },
      { clock: realClock() },
    );
    const client = createAuthClient(ctx);
    const params: Record<string, string>[] = [{}, { state: "s" }, { code: "" }, { iss: fake.issuer }];
    for (const redirectURIQueryParams of params) {
      // The FDI flow (a verifier) and the built-in UI's (none: its cookie is looked for next).
      for (const verifier of [{ pkceCodeVerifier: VERIFIER }, {}]) {
        const response = await client.send("POST", "/api/auth/signinup", {
          body: { thirdPartyId: "fake", redirectURIInfo: { redirectURIOnProviderDashboard: CALLBACK, redirectURIQueryParams, ...verifier } },
        });
        expect(response.status, JSON.stringify({ redirectURIQueryParams, verifier })).toBe(400);
        expect(await response.json()).toEqual({ status: "BAD_INPUT_ERROR", message: expect.stringContaining("redirectURIQueryParams") });
      }
    }
    expect(fake.hits.size).toBe(0);
    expect((await ctx.stores.audit.listEvents({ limit: 50 })).filter((e) => e.type === "auth.signin_failed")).toEqual([]);
  });

  it("sign-ins per client (signInPerIp) count third-party sign-ins too: past the limit 429, the provider not asked", async () => {
    const { ctx } = createTestEngine(
      {
        trustedProxy: { hops: 1 },
        rateLimits: { signInPerIp: { points: 3, durationSeconds: 60 } },
        thirdParty: {
          customProviders: [
            { id: "fake", type: "oidc", name: "Fake", issuer: fake.issuer, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET },
          ],
        },
      },
      { clock: realClock() },
    );
    const client = createAuthClient(ctx);
    fake.answer("token", { json: { error: "invalid_grant" }, status: 400 });
    const attempt = (ip: string) =>
      client.send("POST", "/api/auth/signinup", {
        headers: { "x-forwarded-for": ip },
        body: {
          thirdPartyId: "fake",
          redirectURIInfo: { redirectURIOnProviderDashboard: CALLBACK, redirectURIQueryParams: { code: "made-up" }, pkceCodeVerifier: VERIFIER },
        },
      });
    try {
      for (let i = 0; i < 3; i++) expect((await attempt("203.0.113.7")).status).toBe(200);
      const tokenRequests = fake.hits.get("/token") ?? 0;
      const limited = await attempt("203.0.113.7");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(fake.hits.get("/token") ?? 0).toBe(tokenRequests);
      // Another client is not held back.
      expect((await attempt("198.51.100.9")).status).toBe(200);
    } finally {
      fake.reset();
    }
  });
});
