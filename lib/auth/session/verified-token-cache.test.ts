import { describe, expect, it, vi } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import type { AccessTokenClaims } from "./access-token";
import { createNewSession, getSession } from "./session";
import { rotateSigningKeys } from "./session-info";
import { VerifiedTokenCache } from "./verified-token-cache";

const claims = (exp: number) => ({ sub: "u", sessionHandle: "h", iat: 0, exp, iss: "i" }) as AccessTokenClaims;

describe("verified-token cache in verifyAccessToken", () => {
  it("answers a token seen before without a key lookup, with the same frozen claims", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1", jwtPayload: { roles: ["admin"] } });
    const first = await getSession(ctx, { accessToken: tokens.accessToken });
    const lookups = vi.spyOn(ctx.keyRing, "getVerifyKey");
    const second = await getSession(ctx, { accessToken: tokens.accessToken });
    expect(lookups).not.toHaveBeenCalled();
    if (first.status !== "OK" || second.status !== "OK") throw new Error("not verified");
    expect(second.session.accessTokenPayload).toBe(first.session.accessTokenPayload);
    expect(Object.isFrozen(second.session.accessTokenPayload.roles)).toBe(true);
  });

  it("a token altered in one byte is refused even while the original is cached", async () => {
    const { ctx } = createTestEngine();
    const { accessToken } = await createNewSession(ctx, { userId: "u1" });
    expect((await getSession(ctx, { accessToken })).status).toBe("OK");
    const [header, payload, signature] = accessToken.split(".");
    const flipped = signature[5] === "A" ? "B" : "A";
    const forged = `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
    expect((await getSession(ctx, { accessToken: forged })).status).toBe("UNAUTHORISED");
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: "u2" })).toString(
      "base64url",
    );
    expect((await getSession(ctx, { accessToken: `${header}.${otherPayload}.${signature}` })).status).toBe("UNAUTHORISED");
  });

  it("stops answering at the token's exp: the full path says expired", async () => {
    // Shorter than the key ring's one-minute re-read, so the cache alone decides.
    const { ctx, clock } = createTestEngine({ session: { accessTokenTtlSeconds: 30 } });
    const { accessToken } = await createNewSession(ctx, { userId: "u1" });
    expect((await getSession(ctx, { accessToken })).status).toBe("OK");
    clock.advanceSeconds(29);
    const lookups = vi.spyOn(ctx.keyRing, "getVerifyKey");
    expect((await getSession(ctx, { accessToken })).status).toBe("OK");
    expect(lookups).not.toHaveBeenCalled();
    clock.advanceSeconds(1);
    expect((await getSession(ctx, { accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    expect(ctx.keyRing.verifiedTokens.size).toBe(0);
  });

  it("is cleared when this instance retires its keys", async () => {
    const { ctx } = createTestEngine();
    const { accessToken } = await createNewSession(ctx, { userId: "u1" });
    expect((await getSession(ctx, { accessToken })).status).toBe("OK");
    await rotateSigningKeys(ctx, { retireOldKeys: true });
    expect((await getSession(ctx, { accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
  });

  it("follows another instance's retirement at the next periodic key reload", async () => {
    const a = createTestEngine();
    const b = createTestEngine({}, { stores: a.stores, clock: a.clock });
    const { accessToken } = await createNewSession(a.ctx, { userId: "u1" });
    expect((await getSession(b.ctx, { accessToken })).status).toBe("OK");
    await rotateSigningKeys(a.ctx, { retireOldKeys: true });
    a.clock.advanceSeconds(60);
    expect((await getSession(b.ctx, { accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
  });

  it("a rotation without retirement keeps cached tokens (nothing stopped verifying)", async () => {
    const { ctx } = createTestEngine();
    const { accessToken } = await createNewSession(ctx, { userId: "u1" });
    await getSession(ctx, { accessToken });
    await rotateSigningKeys(ctx);
    expect(ctx.keyRing.verifiedTokens.size).toBe(1);
    expect((await getSession(ctx, { accessToken })).status).toBe("OK");
  });
});

describe("VerifiedTokenCache bounds", () => {
  it("holds at most maxEntries, dropping the oldest first", () => {
    const cache = new VerifiedTokenCache(2);
    cache.set("a", "i", claims(100), 100_000, 0);
    cache.set("b", "i", claims(100), 100_000, 0);
    cache.set("c", "i", claims(100), 100_000, 0);
    expect(cache.size).toBe(2);
    expect(cache.get("a", "i", 1)).toBeUndefined();
    expect(cache.get("c", "i", 1)).toBeDefined();
  });

  it("a token that shares the last 43 characters of a cached one is a miss, and takes its slot when verified", () => {
    const cache = new VerifiedTokenCache(10);
    const tail = "S".repeat(43);
    cache.set(`header.alice.${tail}`, "i", claims(100), 100_000, 0);
    expect(cache.get(`header.alice.${tail}`, "i", 1)).toBeDefined();
    expect(cache.get(`header.mallory.${tail}`, "i", 1)).toBeUndefined();
    cache.set(`header.bob.${tail}`, "i", claims(200), 100_000, 0);
    expect(cache.size).toBe(1);
    expect(cache.get(`header.alice.${tail}`, "i", 1)).toBeUndefined();
    expect(cache.get(`header.bob.${tail}`, "i", 1)?.exp).toBe(200);
  });

  it("refuses long tokens, expired entries and a different issuer; 0 entries turns it off", () => {
    const cache = new VerifiedTokenCache(10, 8);
    cache.set("123456789", "i", claims(100), 100_000, 0);
    cache.set("old", "i", claims(100), 5, 10);
    cache.set("ok", "i", claims(100), 100_000, 0);
    expect(cache.size).toBe(1);
    expect(cache.get("ok", "other-issuer", 1)).toBeUndefined();
    expect(cache.get("ok", "i", 100_000)).toBeUndefined();
    const off = new VerifiedTokenCache(0);
    off.set("a", "i", claims(100), 100_000, 0);
    expect(off.size).toBe(0);
  });
});
