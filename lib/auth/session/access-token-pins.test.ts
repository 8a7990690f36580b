/**
 * What the verifier pins beyond token-attacks.test.ts and signing-keys.test.ts (issue 9, item 4):
 * the audience, more algorithm-confusion and alg:none spellings, the size cap on a validly signed
 * token, and keys that were retired. Nothing here may ever come back "OK".
 */
import { describe, expect, it } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import { SignJWT, exportSPKI, generateKeyPair, type JWTPayload } from "jose";
import { createTestEngine } from "../testing/test-engine";
import { resolveConfig } from "../resolve-config";
import type { EngineContext } from "../context";
import { verifyAccessToken } from "./access-token";
import { prepareVerifyKey } from "./prepared-keys";
import { refreshSession } from "./refresh-session";
import { rotateSigningKeys } from "./session-info";
import { createNewSession, getSession } from "./session";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function signWithRealKey(ctx: EngineContext, claims: JWTPayload, header: Record<string, unknown> = {}) {
  const key = await ctx.keyRing.getSigningKey(ctx.now());
  return new SignJWT(claims).setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: "JWT", ...header }).sign(key.key);
}

const statusOf = async (ctx: EngineContext, accessToken: string) => (await getSession(ctx, { accessToken })).status;

describe("audience", () => {
  it("every access token carries aud, by default the app origin, or the configured value", async () => {
    const { ctx } = createTestEngine();
    expect((await createNewSession(ctx, { userId: "u1" })).accessTokenClaims.aud).toBe("http://localhost:3000");
    const custom = createTestEngine({ session: { accessTokenAudience: "https://api.acme.example" } }).ctx;
    const tokens = await createNewSession(custom, { userId: "u1" });
    expect(tokens.accessTokenClaims.aud).toBe("https://api.acme.example");
    expect(await statusOf(custom, tokens.accessToken)).toBe("OK");
  });

  it("a token of ours without aud, or for another audience, is never accepted: it may only ask for a refresh", async () => {
    const { ctx } = createTestEngine();
    const c = (await createNewSession(ctx, { userId: "u1" })).accessTokenClaims;
    const { aud: _aud, ...withoutAud } = c;
    expect(await statusOf(ctx, await signWithRealKey(ctx, withoutAud))).toBe("TRY_REFRESH_TOKEN_ERROR");
    expect(await statusOf(ctx, await signWithRealKey(ctx, { ...c, aud: "https://evil.example" }))).toBe("TRY_REFRESH_TOKEN_ERROR");
    expect(await statusOf(ctx, await signWithRealKey(ctx, { ...c, aud: "" }))).toBe("TRY_REFRESH_TOKEN_ERROR");
    // RFC 7519 allows an array; we never mint one, so none is accepted, even one naming us.
    expect(await statusOf(ctx, await signWithRealKey(ctx, { ...c, aud: [c.aud as string, "https://evil.example"] }))).toBe("TRY_REFRESH_TOKEN_ERROR");
    expect(await statusOf(ctx, await signWithRealKey(ctx, { ...c, aud: { $ne: null } as unknown as string }))).not.toBe("OK");
    expect(await statusOf(ctx, await signWithRealKey(ctx, c))).toBe("OK");
  });

  it("a wrong issuer stays unauthorised whatever the audience (the audience never softens another failure)", async () => {
    const { ctx } = createTestEngine();
    const c = (await createNewSession(ctx, { userId: "u1" })).accessTokenClaims;
    const { aud: _aud, ...withoutAud } = c;
    expect(await statusOf(ctx, await signWithRealKey(ctx, { ...withoutAud, iss: "https://evil.example/api/auth" }))).toBe("UNAUTHORISED");
    expect(await statusOf(ctx, await signWithRealKey(ctx, { ...c, aud: "x", iss: "https://evil.example/api/auth" }))).toBe("UNAUTHORISED");
  });

  it("a session minted before the audience was pinned is renewed by a refresh, not signed out", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1", jwtPayload: { plan: "pro" } });
    const { aud: _aud, ...legacyClaims } = tokens.accessTokenClaims;
    const legacy = await signWithRealKey(ctx, legacyClaims);
    expect(await statusOf(ctx, legacy)).toBe("TRY_REFRESH_TOKEN_ERROR");
    const refreshed = await refreshSession(ctx, { refreshToken: tokens.refreshToken });
    if (refreshed.status !== "OK") throw new Error(`refresh failed: ${refreshed.status}`);
    expect(refreshed.tokens.accessTokenClaims).toMatchObject({ aud: "http://localhost:3000", plan: "pro", sub: "u1" });
    expect(await statusOf(ctx, refreshed.tokens.accessToken)).toBe("OK");
  });

  it("changing the audience: the other deployment's tokens ask for a refresh, which the same refresh token satisfies", async () => {
    const before = createTestEngine({ session: { accessTokenAudience: "https://old.example" } });
    const after = createTestEngine({ session: { accessTokenAudience: "https://new.example" } }, { stores: before.stores, clock: before.clock });
    const tokens = await createNewSession(before.ctx, { userId: "u1" });
    expect(await statusOf(after.ctx, tokens.accessToken)).toBe("TRY_REFRESH_TOKEN_ERROR");
    const refreshed = await refreshSession(after.ctx, { refreshToken: tokens.refreshToken });
    if (refreshed.status !== "OK") throw new Error(`refresh failed: ${refreshed.status}`);
    expect(await statusOf(after.ctx, refreshed.tokens.accessToken)).toBe("OK");
    expect(await statusOf(before.ctx, refreshed.tokens.accessToken)).toBe("TRY_REFRESH_TOKEN_ERROR");
  });

  it("the verified-token cache answers only for the audience that verified the token", async () => {
    const { ctx } = createTestEngine();
    const { accessToken } = await createNewSession(ctx, { userId: "u1" });
    const verify = (audience: string) =>
      verifyAccessToken({ keyRing: ctx.keyRing, now: ctx.now(), issuer: ctx.issuer, audience, maxBytes: 8192, token: accessToken });
    expect((await verify("http://localhost:3000")).status).toBe("OK");
    expect(ctx.keyRing.verifiedTokens.size).toBe(1);
    expect((await verify("https://other.example")).status).toBe("OTHER_AUDIENCE");
  });

  it("the configured audience must be a non-empty string", () => {
    for (const accessTokenAudience of ["", "   "]) {
      expect(() => resolveConfig({ session: { accessTokenAudience } })).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
    }
  });
});

describe("algorithms", () => {
  it("alg none in any spelling, with or without a signature, is refused", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const [header, payload, signature] = tokens.accessToken.split(".");
    const kid = JSON.parse(Buffer.from(header, "base64url").toString()).kid;
    for (const alg of ["none", "None", "NONE", "nOnE", ""]) {
      for (const sig of ["", signature]) {
        expect(await statusOf(ctx, `${b64({ alg, kid, typ: "JWT" })}.${payload}.${sig}`), `${alg}/${sig.length}`).toBe("UNAUTHORISED");
      }
    }
  });

  it("HMAC signed with the public key, in every form an attacker could fetch it, is refused", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const kid = JSON.parse(Buffer.from(tokens.accessToken.split(".")[0], "base64url").toString()).kid as string;
    const jwk = (await ctx.keyRing.getJwks(ctx.now())).keys.find((k) => k.kid === kid)!;
    const { importJWK } = await import("jose");
    const pem = await exportSPKI((await importJWK(jwk, "RS256")) as CryptoKey);
    const secrets = [pem, pem.trim(), JSON.stringify(jwk), jwk.n!, Buffer.from(jwk.n!, "base64url").toString("latin1")];
    const forgedClaims = { ...tokens.accessTokenClaims, sub: "attacker" };
    for (const alg of ["HS256", "HS384", "HS512"]) {
      for (const secret of secrets) {
        const forged = await new SignJWT(forgedClaims).setProtectedHeader({ alg, kid, typ: "JWT" }).sign(new TextEncoder().encode(secret));
        expect(await statusOf(ctx, forged), alg).toBe("UNAUTHORISED");
      }
    }
  });

  it("a token signed by another key under our kid is refused", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const kid = JSON.parse(Buffer.from(tokens.accessToken.split(".")[0], "base64url").toString()).kid as string;
    const attacker = await generateKeyPair("RS256");
    const forged = await new SignJWT({ ...tokens.accessTokenClaims, sub: "attacker" })
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .sign(attacker.privateKey);
    expect(await statusOf(ctx, forged)).toBe("UNAUTHORISED");
  });

  it("an unknown critical header extension is refused", async () => {
    const { ctx } = createTestEngine();
    const c = (await createNewSession(ctx, { userId: "u1" })).accessTokenClaims;
    // Signed by hand: jose's own signer refuses to produce such a header.
    const key = await ctx.keyRing.getSigningKey(ctx.now());
    const input = `${b64({ alg: "RS256", kid: key.kid, typ: "JWT", crit: ["x-bypass"], "x-bypass": true })}.${b64(c)}`;
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.key, new TextEncoder().encode(input));
    const token = `${input}.${Buffer.from(signature).toString("base64url")}`;
    expect(await statusOf(ctx, token)).toBe("UNAUTHORISED");
    // The same hand-made signature over a plain header passes, so the refusal is the crit header's.
    const plain = `${b64({ alg: "RS256", kid: key.kid, typ: "JWT" })}.${b64(c)}`;
    const plainSignature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.key, new TextEncoder().encode(plain));
    expect(await statusOf(ctx, `${plain}.${Buffer.from(plainSignature).toString("base64url")}`)).toBe("OK");
  });
});

describe("size cap", () => {
  it("a validly signed token over maxAccessTokenBytes is refused; the same claims under it pass", async () => {
    // Set to 8192, as for header-mode clients: the default is what an access cookie holds (below).
    const { ctx } = createTestEngine({ session: { maxAccessTokenBytes: 8192 } });
    const c = (await createNewSession(ctx, { userId: "u1" })).accessTokenClaims;
    const oneMegabyte = await signWithRealKey(ctx, { ...c, pad: "x".repeat(1024 * 1024) });
    expect(oneMegabyte.length).toBeGreaterThan(1024 * 1024);
    expect(await statusOf(ctx, oneMegabyte)).toBe("UNAUTHORISED");
    const justUnder = await signWithRealKey(ctx, { ...c, pad: "x".repeat(5500) });
    expect(justUnder.length).toBeGreaterThan(7800);
    expect(justUnder.length).toBeLessThanOrEqual(8192);
    expect(await statusOf(ctx, justUnder)).toBe("OK");
    const justOver = await signWithRealKey(ctx, { ...c, pad: "x".repeat(5800) });
    expect(justOver.length).toBeGreaterThan(8192);
    expect(await statusOf(ctx, justOver)).toBe("UNAUTHORISED");
  });
});

describe("size cap at issue", () => {
  it("a payload that makes the token longer than maxAccessTokenBytes fails loudly at issue, naming the option, instead of a token every check then refuses", async () => {
    const { ctx } = createTestEngine();
    // 400 permissions: the roles claim of a well-equipped admin, or a generous setJwtPayload.
    const permissions = Array.from({ length: 400 }, (_, i) => `documents:write:${i}`);
    await expect(createNewSession(ctx, { userId: "u1", jwtPayload: { permissions } })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      message: expect.stringContaining("maxAccessTokenBytes"),
    });
    // Raised to fit, the same payload signs in and its token is accepted.
    const { ctx: roomy } = createTestEngine({ session: { maxAccessTokenBytes: 16384 } });
    const created = await createNewSession(roomy, { userId: "u1", jwtPayload: { permissions } });
    expect(await statusOf(roomy, created.accessToken)).toBe("OK");
  });
});

describe("retired keys", () => {
  it("whoever holds a retired private key cannot mint an accepted token, now or after the key's window", async () => {
    const { ctx, clock } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "victim" });
    const oldKey = await ctx.keyRing.getSigningKey(ctx.now());
    await rotateSigningKeys(ctx, { retireOldKeys: true });
    const mint = () =>
      new SignJWT({
        ...tokens.accessTokenClaims,
        sub: "attacker",
        iat: Math.floor(ctx.now().getTime() / 1000),
        exp: Math.floor(ctx.now().getTime() / 1000) + 600,
      })
        .setProtectedHeader({ alg: oldKey.algorithm, kid: oldKey.kid, typ: "JWT" })
        .sign(oldKey.key);
    expect(await statusOf(ctx, await mint())).toBe("TRY_REFRESH_TOKEN_ERROR");
    expect(await statusOf(ctx, tokens.accessToken)).toBe("TRY_REFRESH_TOKEN_ERROR");
    clock.advanceSeconds(2 * 86_400);
    expect(await statusOf(ctx, await mint())).not.toBe("OK");
  });

  it("a key that stopped signing by schedule verifies its own tokens only until they expire", async () => {
    const { ctx, clock } = createTestEngine({ session: { keyRotationIntervalSeconds: 3600, accessTokenTtlSeconds: 600 } });
    const oldKey = await ctx.keyRing.getSigningKey(ctx.now());
    const tokens = await createNewSession(ctx, { userId: "victim" });
    clock.advanceSeconds(3 * 3600);
    await createNewSession(ctx, { userId: "someone" }); // the ring moves to the slot's new key
    const late = Math.floor(ctx.now().getTime() / 1000);
    const forged = await new SignJWT({ ...tokens.accessTokenClaims, iat: late, exp: late + 600 })
      .setProtectedHeader({ alg: oldKey.algorithm, kid: oldKey.kid, typ: "JWT" })
      .sign(oldKey.key);
    expect(await statusOf(ctx, forged)).not.toBe("OK");
  });
});

describe("token kinds", () => {
  it("an access token presented as a refresh token is refused and revokes nothing", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    expect((await refreshSession(ctx, { refreshToken: tokens.accessToken })).status).toBe("UNAUTHORISED");
    expect(await statusOf(ctx, tokens.accessToken)).toBe("OK");
    expect((await refreshSession(ctx, { refreshToken: tokens.refreshToken })).status).toBe("OK");
  });
});

describe("header and key pins", () => {
  /** A token over our claims with `header`, signed by hand with the real key: jose's signer refuses odd headers. */
  async function signedByHand(ctx: EngineContext, header: Record<string, unknown>, claims: JWTPayload) {
    const key = await ctx.keyRing.getSigningKey(ctx.now());
    const input = `${b64({ alg: "RS256", kid: key.kid, typ: "JWT", ...header })}.${b64(claims)}`;
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.key, new TextEncoder().encode(input));
    return `${input}.${Buffer.from(signature).toString("base64url")}`;
  }

  it("an empty crit list is refused (RFC 7515 4.1.11: it must not be empty), as are odd entries in it", async () => {
    const { ctx } = createTestEngine();
    const c = (await createNewSession(ctx, { userId: "u1" })).accessTokenClaims;
    // With `b64: true` beside it, so that only the list itself is wrong (an absent b64 is refused on its own).
    for (const crit of [[], [""], [7], "b64", null]) {
      expect(await statusOf(ctx, await signedByHand(ctx, { crit, b64: true }, c)), JSON.stringify(crit)).toBe("UNAUTHORISED");
    }
    expect(await statusOf(ctx, await signedByHand(ctx, {}, c))).toBe("OK");
  });

  it("each key verifies only its own algorithm: the other allowed one under its kid is refused", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const { kid } = await ctx.keyRing.getSigningKey(ctx.now());
    expect(ctx.keyRing.knownVerifyKey(kid, "EdDSA", ctx.now())).toEqual({ status: "INVALID" });
    expect(await ctx.keyRing.getVerifyKey(kid, "EdDSA", ctx.now())).toEqual({ status: "INVALID" });
    expect(ctx.keyRing.knownVerifyKey(kid, "RS256", ctx.now())).toMatchObject({ status: "OK" });
    const [, payload, signature] = tokens.accessToken.split(".");
    expect(await statusOf(ctx, `${b64({ alg: "EdDSA", kid, typ: "JWT" })}.${payload}.${signature}`)).toBe("UNAUTHORISED");
  });

  it("an RSA key under 2048 bits is unusable, and a key marked unusable verifies nothing, even its own valid signature", async () => {
    const weak = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
    const strong = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
    const verifyUntil = new Date(Date.UTC(2030, 0, 1));
    expect((await prepareVerifyKey({ algorithm: "RS256", publicJwk: weak, verifyUntil }, undefined)).usable).toBe(false);
    expect((await prepareVerifyKey({ algorithm: "RS256", publicJwk: strong, verifyUntil }, undefined)).usable).toBe(true);

    const { ctx } = createTestEngine();
    const { accessToken } = await createNewSession(ctx, { userId: "u1" });
    const { kid } = await ctx.keyRing.getSigningKey(ctx.now());
    const known = ctx.keyRing.knownVerifyKey(kid, "RS256", ctx.now());
    if (known?.status !== "OK") throw new Error("the ring should know its own key");
    // The same ring, but its key flagged as jose would flag a weak one, and no cached verdicts.
    const keyRing = Object.create(ctx.keyRing, {
      isCurrent: { value: () => false },
      knownVerifyKey: { value: () => ({ ...known, usable: false }) },
    }) as typeof ctx.keyRing;
    const input = {
      keyRing,
      now: ctx.now(),
      issuer: ctx.issuer,
      audience: ctx.config.session.accessTokenAudience,
      maxBytes: 8192,
      token: accessToken,
    };
    expect((await verifyAccessToken(input)).status).toBe("INVALID");
    expect((await verifyAccessToken({ ...input, keyRing: ctx.keyRing })).status).toBe("OK");
  });
});
