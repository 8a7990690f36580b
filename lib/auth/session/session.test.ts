import { describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, getSession } from "./session";
import { revokeSession } from "./session-revocation";
import { refreshSession } from "./refresh-session";
import { decodeFrontToken } from "./front-token";
import { hashRefreshToken } from "./refresh-token";

describe("createNewSession / getSession", () => {
  it("flattens the payload into a verifiable access token", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1", jwtPayload: { role: "admin", nested: { a: 1 } } });
    const result = await getSession(ctx, { accessToken: tokens.accessToken });
    expect(result.status).toBe("OK");
    if (result.status !== "OK") return;
    expect(result.session.userId).toBe("u1");
    expect(result.session.sessionHandle).toBe(tokens.sessionHandle);
    expect(result.session.accessTokenPayload).toMatchObject({
      role: "admin",
      nested: { a: 1 },
      sub: "u1",
      iss: "http://localhost:3000/api/auth",
    });
    const front = decodeFrontToken(tokens.frontToken);
    expect(front).toEqual({ uid: "u1", ate: tokens.accessTokenClaims.exp * 1000, up: tokens.accessTokenClaims });
  });

  it("refuses protected claim names in the payload", async () => {
    const { ctx } = createTestEngine();
    for (const claim of ["sub", "exp", "sessionHandle", "iss"]) {
      await expect(createNewSession(ctx, { userId: "u1", jwtPayload: { [claim]: "x" } })).rejects.toMatchObject({
        code: "PROTECTED_CLAIM_IN_PAYLOAD",
      });
    }
  });

  it("issues no tokens when the session row cannot be written (the token is signed meanwhile)", async () => {
    const { ctx } = createTestEngine();
    const event = { name: "auth.signin" as const, fields: { userId: "u1", method: "emailpassword" } };
    const { createSession } = ctx.stores.sessions;
    ctx.stores.sessions.createSession = () => Promise.reject(new Error("database unreachable"));
    await expect(createNewSession(ctx, { userId: "u1", event })).rejects.toThrow("database unreachable");
    expect(await ctx.stores.sessions.listSessionsForUser("u1", ctx.now())).toEqual([]);
    // Once the database answers again, sessions start as before.
    ctx.stores.sessions.createSession = createSession;
    const tokens = await createNewSession(ctx, { userId: "u1", event });
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
  });

  it("stores session data server-side only", async () => {
    const { ctx, stores } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1", sessionData: { secret: 1 } });
    expect((await stores.sessions.getSession(tokens.sessionHandle))?.sessionData).toEqual({ secret: 1 });
    expect(JSON.stringify(tokens.accessTokenClaims)).not.toContain("secret");
  });

  it("answers try-refresh once the access token expires, and unauthorised for garbage", async () => {
    const { ctx, clock } = createTestEngine({ session: { accessTokenTtlSeconds: 60 } });
    const tokens = await createNewSession(ctx, { userId: "u1" });
    clock.advanceSeconds(59);
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    clock.advanceSeconds(1);
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    expect((await getSession(ctx, { accessToken: "not.a.jwt" })).status).toBe("UNAUTHORISED");
    expect((await getSession(ctx, { accessToken: undefined })).status).toBe("UNAUTHORISED");
  });

  it("rejects a token whose payload was tampered with", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1", jwtPayload: { role: "user" } });
    const [header, , signature] = tokens.accessToken.split(".");
    const forged = Buffer.from(JSON.stringify({ ...tokens.accessTokenClaims, role: "admin" })).toString("base64url");
    expect((await getSession(ctx, { accessToken: `${header}.${forged}.${signature}` })).status).toBe("UNAUTHORISED");
  });

  it("rejects a token minted by another deployment (other secret and keys)", async () => {
    const a = createTestEngine();
    const b = createTestEngine({}, { secret: "f".repeat(64) });
    const tokens = await createNewSession(a.ctx, { userId: "u1" });
    // b knows no key of that kid yet: "try refresh token", which only a real refresh can satisfy.
    expect((await getSession(b.ctx, { accessToken: tokens.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    // Once b has its own key for the same rotation slot (same kid), the signature decides.
    await createNewSession(b.ctx, { userId: "u2" });
    expect((await getSession(b.ctx, { accessToken: tokens.accessToken })).status).toBe("UNAUTHORISED");
  });

  it("revocation: refused at once here, on another instance after its sync, and by checkDatabase everywhere", async () => {
    const here = createTestEngine({ session: { revocationSyncIntervalMs: 1000 } });
    const there = createTestEngine({ session: { revocationSyncIntervalMs: 1000 } }, { stores: here.stores, clock: here.clock });
    const tokens = await createNewSession(here.ctx, { userId: "u1" });
    expect((await getSession(there.ctx, { accessToken: tokens.accessToken })).status).toBe("OK"); // there syncs now
    expect(await revokeSession(here.ctx, tokens.sessionHandle)).toBe(true);
    expect((await getSession(here.ctx, { accessToken: tokens.accessToken })).status).toBe("UNAUTHORISED");
    expect((await getSession(there.ctx, { accessToken: tokens.accessToken, checkDatabase: true })).status).toBe("UNAUTHORISED");
    // Without a database read, the other instance still accepts it until its next sync...
    expect((await getSession(there.ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    here.clock.advanceSeconds(1);
    // ...which comes within the interval, triggered by the request itself.
    expect((await getSession(there.ctx, { accessToken: tokens.accessToken })).status).toBe("UNAUTHORISED");
  });

  it("checkDatabase refuses a token whose session row has expired, or belongs to another user, though the token itself verifies", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const check = (accessToken: string) => getSession(ctx, { accessToken, checkDatabase: true }).then((r) => r.status);
    expect(await check(tokens.accessToken)).toBe("OK");
    // A token naming this session for someone else (only our key can sign one: defence in depth).
    const key = await ctx.keyRing.getSigningKey(ctx.now());
    const otherUser = await new SignJWT({ ...tokens.accessTokenClaims, sub: "u2" })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: "JWT" })
      .sign(key.key);
    expect((await getSession(ctx, { accessToken: otherUser })).status).toBe("OK");
    expect(await check(otherUser)).toBe("UNAUTHORISED");
    // The row is still there but no longer live (nothing deletes an expired row on the dot).
    const hash = hashRefreshToken(tokens.refreshToken!);
    const past = new Date(ctx.now().getTime() - 1000);
    const next = { refreshTokenHash: hash, previousRefreshTokenHash: null, rotatedAt: null, expiresAt: past, lastActiveAt: past };
    expect(await ctx.stores.sessions.rotateRefreshToken(tokens.sessionHandle, hash, next)).toBe(true);
    expect(await ctx.stores.sessions.getSession(tokens.sessionHandle)).not.toBeNull();
    expect(await check(tokens.accessToken)).toBe("UNAUTHORISED");
  });
});

describe("refreshSession", () => {
  it("rotates the refresh token and keeps the payload", async () => {
    const { ctx, stores, clock } = createTestEngine();
    const first = await createNewSession(ctx, { userId: "u1", jwtPayload: { role: "user" } });
    clock.advanceSeconds(30);
    const result = await refreshSession(ctx, { refreshToken: first.refreshToken });
    expect(result.status).toBe("OK");
    if (result.status !== "OK") return;
    expect(result.tokens.refreshToken).toBeDefined();
    expect(result.tokens.refreshToken).not.toBe(first.refreshToken);
    expect(result.tokens.accessTokenClaims.role).toBe("user");
    expect(result.tokens.accessTokenClaims.iat).toBe(first.accessTokenClaims.iat + 30);
    const row = await stores.sessions.getSession(first.sessionHandle);
    expect(row?.refreshTokenHash).toBe(hashRefreshToken(result.tokens.refreshToken!));
    expect(row?.previousRefreshTokenHash).toBe(hashRefreshToken(first.refreshToken!));
  });

  it("grace: the immediate parent within the window yields the same child and revokes nothing", async () => {
    const { ctx, clock } = createTestEngine({ session: { refreshGraceSeconds: 10 } });
    const first = await createNewSession(ctx, { userId: "u1" });
    const a = await refreshSession(ctx, { refreshToken: first.refreshToken });
    clock.advanceSeconds(10);
    const b = await refreshSession(ctx, { refreshToken: first.refreshToken });
    expect(a.status).toBe("OK");
    expect(b.status).toBe("OK");
    if (a.status !== "OK" || b.status !== "OK") return;
    expect(b.tokens.refreshToken).toBe(a.tokens.refreshToken);
    expect((await refreshSession(ctx, { refreshToken: a.tokens.refreshToken })).status).toBe("OK");
  });

  it("theft: replaying a rotated-out token after the window revokes the session, newest token included", async () => {
    const { ctx, clock, stores } = createTestEngine({ session: { refreshGraceSeconds: 10 } });
    const first = await createNewSession(ctx, { userId: "u1" });
    const second = await refreshSession(ctx, { refreshToken: first.refreshToken });
    if (second.status !== "OK") throw new Error("refresh failed");
    clock.advanceSeconds(11);
    const replay = await refreshSession(ctx, { refreshToken: first.refreshToken });
    expect(replay).toEqual({ status: "TOKEN_THEFT_DETECTED", sessionHandle: first.sessionHandle, userId: "u1" });
    expect(await stores.sessions.getSession(first.sessionHandle)).toBeNull();
    expect((await refreshSession(ctx, { refreshToken: second.tokens.refreshToken })).status).toBe("UNAUTHORISED");
    expect((await getSession(ctx, { accessToken: second.tokens.accessToken, checkDatabase: true })).status).toBe("UNAUTHORISED");
  });

  it("theft: a token older than the immediate parent is theft even inside the window", async () => {
    const { ctx } = createTestEngine();
    const t0 = await createNewSession(ctx, { userId: "u1" });
    const t1 = await refreshSession(ctx, { refreshToken: t0.refreshToken });
    if (t1.status !== "OK") throw new Error("refresh failed");
    const t2 = await refreshSession(ctx, { refreshToken: t1.tokens.refreshToken });
    expect(t2.status).toBe("OK");
    expect((await refreshSession(ctx, { refreshToken: t0.refreshToken })).status).toBe("TOKEN_THEFT_DETECTED");
  });

  it("concurrent refreshes with one token all succeed with the same child", async () => {
    const { ctx } = createTestEngine();
    const first = await createNewSession(ctx, { userId: "u1" });
    const results = await Promise.all(Array.from({ length: 5 }, () => refreshSession(ctx, { refreshToken: first.refreshToken })));
    const children = new Set(results.map((r) => (r.status === "OK" ? r.tokens.refreshToken : r.status)));
    expect(children.size).toBe(1);
    expect([...children][0]).toMatch(/^v1\./);
  });

  it("a forged token naming a real session is refused without revoking it", async () => {
    const { ctx, stores } = createTestEngine();
    const first = await createNewSession(ctx, { userId: "u1" });
    const [prefix, handle] = first.refreshToken!.split(".");
    const forged = `${prefix}.${handle}.${"A".repeat(43)}.${"B".repeat(22)}`;
    expect((await refreshSession(ctx, { refreshToken: forged })).status).toBe("UNAUTHORISED");
    expect(await stores.sessions.getSession(first.sessionHandle)).not.toBeNull();
  });

  it("slides the expiry but never past the absolute cap", async () => {
    const { ctx, clock, stores } = createTestEngine({
      session: { refreshTokenTtlSeconds: 100, absoluteSessionTtlSeconds: 250, accessTokenTtlSeconds: 10 },
    });
    let token = (await createNewSession(ctx, { userId: "u1" })).refreshToken;
    for (let i = 0; i < 2; i++) {
      clock.advanceSeconds(90);
      const r = await refreshSession(ctx, { refreshToken: token });
      if (r.status !== "OK") throw new Error(`refresh ${i} failed`);
      token = r.tokens.refreshToken;
      const row = await stores.sessions.getSession(r.tokens.sessionHandle);
      expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(row!.absoluteExpiresAt.getTime());
    }
    clock.advanceSeconds(71); // 251 s after creation: past the absolute cap
    expect((await refreshSession(ctx, { refreshToken: token })).status).toBe("UNAUTHORISED");
  });

  it("the absolute cap ends a session whose row says its sliding expiry is later", async () => {
    const { ctx, clock, stores } = createTestEngine({ session: { refreshTokenTtlSeconds: 100, absoluteSessionTtlSeconds: 250 } });
    const first = await createNewSession(ctx, { userId: "u1" });
    // A row the engine would never write (its sliding expiry is capped), as a hand edit or another writer could leave it.
    const hash = hashRefreshToken(first.refreshToken!);
    const later = new Date(ctx.now().getTime() + 1000 * 1000);
    const next = { refreshTokenHash: hash, previousRefreshTokenHash: null, rotatedAt: null, expiresAt: later, lastActiveAt: ctx.now() };
    expect(await stores.sessions.rotateRefreshToken(first.sessionHandle, hash, next)).toBe(true);
    clock.advanceSeconds(251);
    expect((await refreshSession(ctx, { refreshToken: first.refreshToken })).status).toBe("UNAUTHORISED");
    expect(await stores.sessions.getSession(first.sessionHandle)).toBeNull();
  });

  it("an idle session expires after the refresh TTL", async () => {
    const { ctx, clock } = createTestEngine({ session: { refreshTokenTtlSeconds: 100 } });
    const first = await createNewSession(ctx, { userId: "u1" });
    clock.advanceSeconds(100);
    expect((await refreshSession(ctx, { refreshToken: first.refreshToken })).status).toBe("UNAUTHORISED");
  });

  it("VIA_TOKEN anti-CSRF: refresh needs the session's anti-csrf token", async () => {
    const { ctx } = createTestEngine({ session: { antiCsrf: "VIA_TOKEN" } });
    const first = await createNewSession(ctx, { userId: "u1" });
    expect(first.antiCsrfToken).toBeTruthy();
    expect((await refreshSession(ctx, { refreshToken: first.refreshToken, antiCsrfToken: "wrong" })).status).toBe("UNAUTHORISED");
    expect((await refreshSession(ctx, { refreshToken: first.refreshToken, antiCsrfToken: first.antiCsrfToken })).status).toBe("OK");
  });
});
