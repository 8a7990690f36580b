/**
 * A provider that moves its signing keys: its discovery names another `jwks_uri`, which serves a
 * new key it signs with from then on. The oAuthTokens path verifies ID tokens against the key set
 * at the address discovery names, so once discovery is fetched again (it is kept an hour, by the
 * engine's clock) tokens signed with the new key verify, and the old address is not asked again.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient } from "./testing/client";
import { FAKE_CLIENT_ID, fakeOidcProvider, startFakeProvider, type FakeProvider } from "./testing/fake-provider";

const HOUR = 3600;

describe("oAuthTokens when the provider moves its keys to another jwks_uri", () => {
  let fake: FakeProvider;
  let moved: http.Server;
  let movedUri = "";
  let movedHits = 0;
  let sign: (now: Date) => Promise<string>;

  beforeAll(async () => {
    fake = await startFakeProvider();
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: "moved-1", alg: "RS256", use: "sig" };
    moved = http.createServer((_request, response) => {
      movedHits += 1;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => moved.listen(0, "127.0.0.1", resolve));
    movedUri = `http://127.0.0.1:${(moved.address() as AddressInfo).port}/keys`;
    sign = (now) => {
      const seconds = Math.floor(now.getTime() / 1000);
      return new SignJWT({ iss: fake.issuer, aud: FAKE_CLIENT_ID, sub: "fake-sub", email: "fake@example.com", email_verified: true })
        .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
        .setIssuedAt(seconds)
        .setExpirationTime(seconds + 300)
        .sign(privateKey);
    };
  });
  afterAll(async () => {
    await fake?.close();
    moved?.closeAllConnections();
    await new Promise((resolve) => moved?.close(resolve));
  });

  function engine() {
    // The engine's clock starts now, so that the fake's own ID tokens are current.
    const clock = createTestClock(new Date());
    const { ctx } = createTestEngine(
      {
        thirdParty: {
          customProviders: [fakeOidcProvider(fake)],
        },
      },
      { clock },
    );
    const client = createAuthClient(ctx);
    const signIn = async (idToken: string) =>
      (await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "fake", oAuthTokens: { id_token: idToken } } })).json();
    return { clock, signIn };
  }

  /** The provider's discovery, naming the new address of its keys. */
  const movedDiscovery = () => ({
    json: {
      issuer: fake.issuer,
      authorization_endpoint: `${fake.issuer}/authorize`,
      token_endpoint: `${fake.issuer}/token`,
      userinfo_endpoint: `${fake.issuer}/userinfo`,
      jwks_uri: movedUri,
      id_token_signing_alg_values_supported: ["RS256"],
    },
  });

  it("verifies tokens signed with the new key once discovery is fetched again, from the new address alone", async () => {
    fake.reset();
    movedHits = 0;
    const { clock, signIn } = engine();
    expect(await signIn(await fake.idToken({ nonce: undefined }))).toMatchObject({ status: "OK" });
    const oldAddressAsked = fake.hits.get("/jwks") ?? 0;
    expect(oldAddressAsked).toBeGreaterThan(0);

    fake.answer("discovery", movedDiscovery());
    clock.advanceSeconds(HOUR + 1);
    expect(await signIn(await sign(clock.now()))).toMatchObject({ status: "OK", createdNewRecipeUser: false });
    expect(movedHits).toBe(1);
    expect(fake.hits.get("/jwks") ?? 0).toBe(oldAddressAsked);
  });

  it("keeps the discovery it has within the hour: the new address is not asked yet", async () => {
    fake.reset();
    movedHits = 0;
    const { clock, signIn } = engine();
    expect(await signIn(await fake.idToken({ nonce: undefined }))).toMatchObject({ status: "OK" });
    fake.answer("discovery", movedDiscovery());
    clock.advanceSeconds(HOUR - 60);
    expect(await signIn(await sign(clock.now()))).toMatchObject({ status: "GENERAL_ERROR", code: "ID_TOKEN_INVALID" });
    expect(movedHits).toBe(0);
  });
});
