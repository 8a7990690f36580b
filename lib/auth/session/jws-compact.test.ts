/**
 * Signing on node:crypto (mintAccessToken, signCompact): the tokens are byte for byte what
 * jose's SignJWT writes for the same header and claims (RS256 and Ed25519 signatures are
 * deterministic), so anything that verifies with jose, inside or outside Gatehouse, verifies them.
 */
import { describe, expect, it } from "vitest";
import { SignJWT, createLocalJWKSet, jwtVerify } from "jose";
import { createTestEngine } from "../testing/test-engine";
import { mintAccessToken, verifyAccessToken } from "./access-token";
import { parseCompactToken, signCompact } from "./jws-compact";

describe("access tokens signed on node:crypto", () => {
  for (const alg of ["RS256", "EdDSA"] as const) {
    it(`${alg}: the same bytes as jose's SignJWT, and jose verifies them against the published JWKS`, async () => {
      const { ctx } = createTestEngine({ session: { signingAlgorithm: alg } });
      const { token, claims } = await mintAccessToken({
        keyRing: ctx.keyRing,
        now: ctx.now(),
        issuer: ctx.issuer,
        audience: "https://api.example",
        ttlSeconds: 600,
        userId: "user-1",
        sessionHandle: "handle-1",
        payload: { role: "admin", "st-perm": { v: ["read", "é", "\u2028"] } },
      });
      const signing = await ctx.keyRing.getSigningKey(ctx.now());
      const header = { alg, kid: signing.kid, typ: "JWT" as const };
      expect(token).toBe(await new SignJWT(claims).setProtectedHeader(header).sign(signing.key));
      expect(await signCompact(header, claims, signing.keyObject)).toBe(token);
      const jwks = createLocalJWKSet(await ctx.keyRing.getJwks(ctx.now()));
      const { payload, protectedHeader } = await jwtVerify(token, jwks, {
        currentDate: ctx.now(),
        issuer: ctx.issuer,
        audience: "https://api.example",
        typ: "JWT",
      });
      expect(payload).toEqual(claims);
      expect(protectedHeader).toEqual(header);
    });
  }

  it("a non-finite time claim is refused, as SignJWT refuses it", async () => {
    const { ctx } = createTestEngine();
    const signing = await ctx.keyRing.getSigningKey(ctx.now());
    const header = { alg: signing.algorithm, kid: signing.kid, typ: "JWT" as const };
    for (const claims of [{ nbf: Number.POSITIVE_INFINITY }, { exp: Number.NaN }, { iat: Number.NEGATIVE_INFINITY }]) {
      await expect(new SignJWT(claims).setProtectedHeader(header).sign(signing.key)).rejects.toThrow(TypeError);
      await expect(signCompact(header, claims, signing.keyObject)).rejects.toThrow(TypeError);
    }
  });
});

describe("the parsed headers of signed tokens", () => {
  it("are kept, frozen, only once a signature under them has checked", async () => {
    const { ctx } = createTestEngine();
    const signing = await ctx.keyRing.getSigningKey(ctx.now());
    // A header no other test writes, so that this test sees it arrive.
    const header = { alg: signing.algorithm, kid: signing.kid, typ: "JWT", x: "memo-test" } as never;
    const now = Math.floor(ctx.now().getTime() / 1000);
    const claims = { sub: "u", sessionHandle: "h", iat: now, exp: now + 60, iss: ctx.issuer, aud: ctx.config.session.accessTokenAudience };
    const token = await signCompact(header, claims, signing.keyObject);
    const input = { keyRing: ctx.keyRing, now: ctx.now(), issuer: ctx.issuer, audience: claims.aud, maxBytes: 8192 };
    const [head, body, signature] = token.split(".");
    const forged = `${head}.${body}.${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;

    expect((await verifyAccessToken({ ...input, token: forged })).status).toBe("INVALID");
    expect(Object.isFrozen(parseCompactToken(token)!.header)).toBe(false);
    expect((await verifyAccessToken({ ...input, token })).status).toBe("OK");
    const parsed = parseCompactToken(token)!;
    expect(Object.isFrozen(parsed.header)).toBe(true);
    expect(parsed.header).toEqual(header);
    // A hit is still the same parse: a forged signature under the kept header is refused.
    ctx.keyRing.verifiedTokens.clear();
    expect((await verifyAccessToken({ ...input, token: forged })).status).toBe("INVALID");
  });
});
