/**
 * OpenID discovery (the FDI's OpenId recipe, `GET {apiBasePath}/.well-known/openid-configuration`):
 * a verifier given only the issuer finds the keys from it, and those keys verify the access
 * tokens Gatehouse issues, with that issuer.
 */
import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials, ORIGIN } from "./testing/client";

/** What a verifier does with an issuer alone: discovery at `{issuer}/.well-known/…`, then its jwks_uri. */
async function verifyAsDiscovered(client: ReturnType<typeof createAuthClient>, issuer: string, token: string, now: Date) {
  const discovery = await client.send("GET", `${new URL(issuer).pathname}/.well-known/openid-configuration`);
  expect(discovery.status).toBe(200);
  const document = (await discovery.json()) as { issuer: string; jwks_uri: string };
  expect(document.issuer).toBe(issuer);
  const keys = await client.send("GET", new URL(document.jwks_uri).pathname);
  expect(keys.status).toBe(200);
  return jwtVerify(token, createLocalJWKSet(await keys.json()), { issuer, currentDate: now });
}

describe("GET /.well-known/openid-configuration", () => {
  it("names the access tokens' issuer and the keys that verify them", async () => {
    const { ctx } = createTestEngine();
    const client = createAuthClient(ctx);
    const response = await client.send("GET", "/api/auth/.well-known/openid-configuration");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await response.json()).toEqual({ issuer: `${ORIGIN}/api/auth`, jwks_uri: `${ORIGIN}/api/auth/jwt/jwks.json` });

    expect((await client.send("POST", "/api/auth/signup", { body: credentials("discovery@example.com", "fixture-pw-1") })).status).toBe(200);
    const token = client.jar.get("sAccessToken")!.value;
    const { payload } = await verifyAsDiscovered(client, `${ORIGIN}/api/auth`, token, ctx.now());
    expect(payload.iss).toBe(`${ORIGIN}/api/auth`);
  });

  it("follows a moved apiBasePath", async () => {
    const { ctx } = createTestEngine({ apiBasePath: "/api/identity/" });
    const client = createAuthClient(ctx);
    expect((await client.send("GET", "/api/auth/.well-known/openid-configuration")).status).toBe(404);
    expect((await client.send("POST", "/api/identity/signup", { body: credentials("moved@example.com", "fixture-pw-1") })).status).toBe(200);
    const token = client.jar.get("sAccessToken")!.value;
    const { payload } = await verifyAsDiscovered(client, `${ORIGIN}/api/identity`, token, ctx.now());
    expect(payload.sub).toBeTruthy();
  });

  it("answers GET and HEAD only", async () => {
    const { ctx } = createTestEngine();
    const client = createAuthClient(ctx);
    expect((await client.send("HEAD", "/api/auth/.well-known/openid-configuration")).status).toBe(200);
    const post = await client.send("POST", "/api/auth/.well-known/openid-configuration");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toMatch(/GET/);
  });
});
