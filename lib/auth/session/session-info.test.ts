import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, getSession, getSessionData } from "./session";
import { revokeAllSessionsForUser, revokeSession } from "./session-revocation";
import { refreshSession } from "./refresh-session";
import {
  getAllSessionHandlesForUser,
  getSessionInformation,
  listSessionsForUser,
  mergeIntoAccessTokenPayload,
  updateSessionData,
} from "./session-info";

describe("session management functions", () => {
  it("lists, describes and revokes a user's sessions", async () => {
    const { ctx, clock } = createTestEngine({ session: { refreshTokenTtlSeconds: 1000 } });
    const a = await createNewSession(ctx, {
      userId: "u1",
      jwtPayload: { role: "user" },
      sessionData: { n: 1 },
      userAgent: "Firefox",
      ip: "192.0.2.7",
    });
    clock.advanceSeconds(10);
    const b = await createNewSession(ctx, { userId: "u1" });
    await createNewSession(ctx, { userId: "u2" });
    expect(await getAllSessionHandlesForUser(ctx, "u1")).toEqual([a.sessionHandle, b.sessionHandle]);
    expect(await getSessionInformation(ctx, a.sessionHandle)).toMatchObject({
      userId: "u1",
      accessTokenPayload: { role: "user" },
      sessionData: { n: 1 },
      userAgent: "Firefox",
      ip: "192.0.2.7",
      timeCreated: new Date(clock.now().getTime() - 10_000),
    });
    expect((await listSessionsForUser(ctx, "u1")).map((s) => s.sessionHandle)).toEqual([a.sessionHandle, b.sessionHandle]);
    expect(await revokeSession(ctx, a.sessionHandle)).toBe(true);
    expect(await getSessionInformation(ctx, a.sessionHandle)).toBeNull();
    expect(await revokeAllSessionsForUser(ctx, "u1")).toEqual([b.sessionHandle]);
    expect(await getAllSessionHandlesForUser(ctx, "u1")).toEqual([]);
    expect(await getAllSessionHandlesForUser(ctx, "u2")).toHaveLength(1);
  });

  it("an expired session is neither listed nor described", async () => {
    const { ctx, clock } = createTestEngine({ session: { refreshTokenTtlSeconds: 100 } });
    const a = await createNewSession(ctx, { userId: "u1" });
    clock.advanceSeconds(100);
    expect(await getAllSessionHandlesForUser(ctx, "u1")).toEqual([]);
    expect(await getSessionInformation(ctx, a.sessionHandle)).toBeNull();
  });

  it("updateSessionData replaces the data; unknown handles report false", async () => {
    const { ctx } = createTestEngine();
    const a = await createNewSession(ctx, { userId: "u1", sessionData: { a: 1 } });
    expect(await updateSessionData(ctx, a.sessionHandle, { b: 2 })).toBe(true);
    expect((await getSessionInformation(ctx, a.sessionHandle))?.sessionData).toEqual({ b: 2 });
    expect(await updateSessionData(ctx, "00000000-0000-0000-0000-000000000000", {})).toBe(false);
  });

  it("mergeIntoAccessTokenPayload: the current session gets a new token now, others at their next refresh", async () => {
    const { ctx } = createTestEngine();
    const here = await createNewSession(ctx, { userId: "u1", jwtPayload: { role: "user", theme: "dark" } });
    const verified = await getSession(ctx, { accessToken: here.accessToken });
    if (verified.status !== "OK") throw new Error("no session");
    const merged = await mergeIntoAccessTokenPayload(ctx, verified.session, { role: "admin", theme: null, plan: "pro" });
    expect(merged.status).toBe("OK");
    if (merged.status !== "OK") return;
    expect(merged.accessTokenPayload).toEqual({ role: "admin", plan: "pro" });
    expect(merged.tokens?.accessTokenClaims).toMatchObject({ role: "admin", plan: "pro", sub: "u1" });
    expect(merged.tokens?.accessTokenClaims).not.toHaveProperty("theme");
    expect(merged.tokens?.refreshToken).toBeUndefined();

    // By handle (another device): stored now, in that device's token after its refresh.
    const other = await createNewSession(ctx, { userId: "u1", jwtPayload: { role: "user" } });
    const byHandle = await mergeIntoAccessTokenPayload(ctx, other.sessionHandle, { role: "admin" });
    expect(byHandle).toEqual({ status: "OK", accessTokenPayload: { role: "admin" } });
    const refreshed = await refreshSession(ctx, { refreshToken: other.refreshToken });
    expect(refreshed.status === "OK" && refreshed.tokens.accessTokenClaims.role).toBe("admin");
  });

  it("an expired session answers as an unknown one: no data read or written, no payload merged", async () => {
    const { ctx, clock } = createTestEngine({ session: { refreshTokenTtlSeconds: 100 } });
    const a = await createNewSession(ctx, { userId: "u1", sessionData: { a: 1 } });
    clock.advanceSeconds(100);
    expect(await updateSessionData(ctx, a.sessionHandle, { b: 2 })).toBe(false);
    expect(await getSessionData(ctx, a.sessionHandle)).toBeNull();
    expect(await mergeIntoAccessTokenPayload(ctx, a.sessionHandle, { x: 1 })).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
    // The row is still there (nothing deletes it on the dot), unchanged.
    const row = await ctx.stores.sessions.getSession(a.sessionHandle);
    expect(row).toMatchObject({ sessionData: { a: 1 }, jwtPayload: {}, payloadVersion: 0 });
  });

  it("a session past its absolute cap answers as an unknown one, whatever its sliding expiry says", async () => {
    const { ctx, clock } = createTestEngine();
    const now = clock.now();
    const handle = "11111111-1111-4111-8111-111111111111";
    await ctx.stores.sessions.createSession({
      sessionHandle: handle,
      userId: "u1",
      sessionData: { a: 1 },
      jwtPayload: {},
      refreshTokenHash: "f".repeat(64),
      previousRefreshTokenHash: null,
      rotatedAt: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 1_000_000),
      absoluteExpiresAt: new Date(now.getTime() + 1_000),
      lastActiveAt: now,
      userAgent: null,
      ip: null,
    });
    expect(await getSessionInformation(ctx, handle)).not.toBeNull();
    clock.advanceSeconds(1);
    expect(await getSessionInformation(ctx, handle)).toBeNull();
    expect(await updateSessionData(ctx, handle, { b: 2 })).toBe(false);
    expect(await getSessionData(ctx, handle)).toBeNull();
    expect(await mergeIntoAccessTokenPayload(ctx, handle, { x: 1 })).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
  });

  it("mergeIntoAccessTokenPayload refuses protected claims and unknown sessions", async () => {
    const { ctx } = createTestEngine();
    const a = await createNewSession(ctx, { userId: "u1" });
    await expect(mergeIntoAccessTokenPayload(ctx, a.sessionHandle, { sub: "u2" })).rejects.toMatchObject({ code: "PROTECTED_CLAIM_IN_PAYLOAD" });
    await revokeSession(ctx, a.sessionHandle);
    expect(await mergeIntoAccessTokenPayload(ctx, a.sessionHandle, { x: 1 })).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
  });
});
