import { describe, expect, it } from "vitest";
import { decodeProtectedHeader, SignJWT, importJWK, type JWK } from "jose";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, getSession } from "./session";
import { refreshSession } from "./refresh-session";
import { rotateSigningKeys } from "./session-info";

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

describe("signing keys", () => {
  it("rotates on schedule without logging anyone out, and retires old keys after their tokens expire", async () => {
    const { ctx, clock } = createTestEngine({ session: { keyRotationIntervalSeconds: 100, accessTokenTtlSeconds: 50 } });
    const before = await createNewSession(ctx, { userId: "u1" });
    clock.advanceSeconds(99);
    const stillOld = await createNewSession(ctx, { userId: "u1" });
    expect(kidOf(stillOld.accessToken)).toBe(kidOf(before.accessToken));
    clock.advanceSeconds(2);
    const after = await createNewSession(ctx, { userId: "u1" });
    expect(kidOf(after.accessToken)).not.toBe(kidOf(before.accessToken));
    // The token signed by the old key just before rotation still verifies.
    expect((await getSession(ctx, { accessToken: stillOld.accessToken })).status).toBe("OK");
    const jwks = await ctx.keyRing.getJwks(ctx.now());
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([kidOf(before.accessToken), kidOf(after.accessToken)]));
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|"p"|"q"/);
    // Past signUntil + access TTL + margin the old key is gone from the JWKS.
    clock.advanceSeconds(200);
    const later = await ctx.keyRing.getJwks(ctx.now());
    expect(later.keys.map((k) => k.kid)).not.toContain(kidOf(before.accessToken));
  });

  it("a second instance on the same store verifies the first one's tokens (loads unknown kids)", async () => {
    const a = createTestEngine();
    const b = createTestEngine({}, { stores: a.stores, clock: a.clock });
    const tokens = await createNewSession(a.ctx, { userId: "u1" });
    expect((await getSession(b.ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
  });

  it("EdDSA can be chosen, and an RS256 key cannot verify a token claiming EdDSA", async () => {
    const { ctx } = createTestEngine({ session: { signingAlgorithm: "EdDSA" } });
    const tokens = await createNewSession(ctx, { userId: "u1" });
    expect(decodeProtectedHeader(tokens.accessToken).alg).toBe("EdDSA");
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    const [, payload, sig] = tokens.accessToken.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "RS256", kid: kidOf(tokens.accessToken), typ: "JWT" })).toString("base64url");
    expect((await getSession(ctx, { accessToken: `${header}.${payload}.${sig}` })).status).toBe("UNAUTHORISED");
  });

  it("refuses alg:none and HS256 signed with the public key (algorithm confusion)", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const kid = kidOf(tokens.accessToken);
    const claims = tokens.accessTokenClaims;
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid, typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
    expect((await getSession(ctx, { accessToken: none })).status).toBe("UNAUTHORISED");
    const jwk = (await ctx.keyRing.getJwks(ctx.now())).keys.find((k) => k.kid === kid) as JWK;
    const secret = new TextEncoder().encode(JSON.stringify(jwk));
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid, typ: "JWT" }).sign(secret);
    expect((await getSession(ctx, { accessToken: hs })).status).toBe("UNAUTHORISED");
    expect(await importJWK(jwk, "RS256")).toBeTruthy();
  });

  it("refuses oversized tokens before parsing", async () => {
    const { ctx } = createTestEngine();
    expect((await getSession(ctx, { accessToken: "a".repeat(1024 * 1024) })).status).toBe("UNAUTHORISED");
  });
});

describe("key rotation over time and by hand", () => {
  it("30 simulated days: no valid token is ever rejected, and each rotation brings a new kid", async () => {
    const DAY = 86_400;
    const { ctx, clock } = createTestEngine({ session: { keyRotationIntervalSeconds: 7 * DAY, accessTokenTtlSeconds: 3600 } });
    const kids = new Set<string>();
    let previous = await createNewSession(ctx, { userId: "u1" });
    for (let hour = 0; hour < 30 * 24; hour += 1) {
      clock.advanceSeconds(3599); // just inside the previous token's lifetime
      expect((await getSession(ctx, { accessToken: previous.accessToken })).status, `hour ${hour}`).toBe("OK");
      clock.advanceSeconds(1);
      previous = await createNewSession(ctx, { userId: "u1" });
      kids.add(kidOf(previous.accessToken)!);
    }
    expect(kids.size).toBeGreaterThanOrEqual(4);
    expect(kids.size).toBeLessThanOrEqual(6);
  });

  it("manual rotation with retirement: old tokens get try-refresh, and a refresh recovers", async () => {
    const { ctx } = createTestEngine();
    const before = await createNewSession(ctx, { userId: "u1" });
    const { kid, retired } = await rotateSigningKeys(ctx, { retireOldKeys: true });
    expect(retired).toContain(kidOf(before.accessToken));
    expect((await getSession(ctx, { accessToken: before.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    const refreshed = await refreshSession(ctx, { refreshToken: before.refreshToken });
    if (refreshed.status !== "OK") throw new Error("refresh failed");
    expect(kidOf(refreshed.tokens.accessToken)).toBe(kid);
    expect((await getSession(ctx, { accessToken: refreshed.tokens.accessToken })).status).toBe("OK");
    expect((await ctx.keyRing.getJwks(ctx.now())).keys.map((k) => k.kid)).toEqual([kid]);
  });

  it("manual rotation without retirement keeps old tokens valid", async () => {
    const { ctx } = createTestEngine();
    const before = await createNewSession(ctx, { userId: "u1" });
    await rotateSigningKeys(ctx);
    expect((await getSession(ctx, { accessToken: before.accessToken })).status).toBe("OK");
    const after = await createNewSession(ctx, { userId: "u1" });
    expect(kidOf(after.accessToken)).not.toBe(kidOf(before.accessToken));
  });

  it("another instance's retirement reaches this instance within a minute", async () => {
    const a = createTestEngine();
    const b = createTestEngine({}, { stores: a.stores, clock: a.clock });
    const tokens = await createNewSession(a.ctx, { userId: "u1" });
    expect((await getSession(b.ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    await rotateSigningKeys(a.ctx, { retireOldKeys: true });
    a.clock.advanceSeconds(60);
    expect((await getSession(b.ctx, { accessToken: tokens.accessToken })).status).not.toBe("OK");
  });

  it("two instances rotating at the same moment end up with one key", async () => {
    const a = createTestEngine();
    const b = createTestEngine({}, { stores: a.stores, clock: a.clock });
    const [ta, tb] = await Promise.all([createNewSession(a.ctx, { userId: "u1" }), createNewSession(b.ctx, { userId: "u2" })]);
    expect(kidOf(ta.accessToken)).toBe(kidOf(tb.accessToken));
    expect(await a.stores.signingKeys.listVerifyingKeys(a.clock.now())).toHaveLength(1);
  });
});
