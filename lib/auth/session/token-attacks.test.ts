/**
 * Attacks on the access-token verifier. Each forged token must be refused (never "OK"); a
 * well-formed token whose key is unknown may only earn "try refresh token", which a refresh
 * can satisfy only with a valid refresh token.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, getSession } from "./session";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function setup() {
  const { ctx, clock } = createTestEngine();
  const tokens = await createNewSession(ctx, { userId: "victim", jwtPayload: { role: "user" } });
  const [header, payload, signature] = tokens.accessToken.split(".");
  const headerJson = JSON.parse(Buffer.from(header, "base64url").toString());
  const verify = async (token: string) => (await getSession(ctx, { accessToken: token })).status;
  /** Signs arbitrary claims with the deployment's real signing key (to test claim checks alone). */
  const signWithRealKey = async (claims: Record<string, unknown>) => {
    const key = await ctx.keyRing.getSigningKey(ctx.now());
    return new SignJWT(claims).setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: "JWT" }).sign(key.key);
  };
  return { ctx, clock, tokens, header, payload, signature, headerJson, verify, signWithRealKey };
}

describe("access-token attacks", () => {
  it("a stripped or emptied signature is refused", async () => {
    const { header, payload, verify } = await setup();
    expect(await verify(`${header}.${payload}.`)).toBe("UNAUTHORISED");
    expect(await verify(`${header}.${payload}`)).toBe("UNAUTHORISED");
  });

  it("an unknown kid is never accepted; kid injection strings are refused outright", async () => {
    const { headerJson, payload, signature, verify } = await setup();
    expect(await verify(`${b64({ ...headerJson, kid: "s-unknown-rs256" })}.${payload}.${signature}`)).toBe("TRY_REFRESH_TOKEN_ERROR");
    for (const kid of ["../../etc/passwd", "' OR 1=1 --", "x".repeat(500), "", null, 42, { $ne: null }, "kid\u0000"]) {
      expect(await verify(`${b64({ ...headerJson, kid })}.${payload}.${signature}`), JSON.stringify(kid)).toBe("UNAUTHORISED");
    }
  });

  it("a key embedded in the header (jwk, jku, x5u) is ignored", async () => {
    const { tokens, verify } = await setup();
    const attacker = await generateKeyPair("RS256", { extractable: true });
    const jwk = await exportJWK(attacker.publicKey);
    const claims = { ...tokens.accessTokenClaims, sub: "attacker" };
    for (const extra of [{ jwk }, { jku: "https://evil.example/jwks.json" }, { x5u: "https://evil.example/cert.pem" }]) {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", ...extra }).sign(attacker.privateKey);
      expect(await verify(forged)).not.toBe("OK");
    }
  });

  it("claims are checked: not-yet-valid, wrong issuer, missing subject or handle", async () => {
    const { tokens, verify, signWithRealKey } = await setup();
    const c = tokens.accessTokenClaims;
    expect(await verify(await signWithRealKey({ ...c, nbf: c.iat + 600 }))).toBe("UNAUTHORISED");
    expect(await verify(await signWithRealKey({ ...c, iss: "https://evil.example/api/auth" }))).toBe("UNAUTHORISED");
    expect(await verify(await signWithRealKey({ ...c, sub: undefined }))).toBe("UNAUTHORISED");
    expect(await verify(await signWithRealKey({ ...c, sessionHandle: 7 }))).toBe("UNAUTHORISED");
    expect(await verify(await signWithRealKey({ ...c, exp: undefined }))).toBe("UNAUTHORISED");
    expect(await verify(await signWithRealKey(c))).toBe("OK");
  });

  it("a refresh token presented as an access token is refused", async () => {
    const { tokens, verify } = await setup();
    expect(await verify(tokens.refreshToken!)).toBe("UNAUTHORISED");
  });

  it("an expired token asks for a refresh, one second before it does not", async () => {
    const { clock, tokens, verify } = await setup();
    clock.advanceSeconds(3599);
    expect(await verify(tokens.accessToken)).toBe("OK");
    clock.advanceSeconds(1);
    expect(await verify(tokens.accessToken)).toBe("TRY_REFRESH_TOKEN_ERROR");
  });

  it("property: no single-byte mutation of a valid token is accepted with different claims", async () => {
    const { tokens, ctx } = await setup();
    const original = JSON.stringify(tokens.accessTokenClaims);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: tokens.accessToken.length - 1 }), fc.constantFrom(...alphabet), async (index, char) => {
        const mutated = tokens.accessToken.slice(0, index) + char + tokens.accessToken.slice(index + 1);
        const result = await getSession(ctx, { accessToken: mutated });
        if (result.status === "OK") expect(JSON.stringify(result.session.accessTokenPayload)).toBe(original);
      }),
      { numRuns: 300 },
    );
  });
});
