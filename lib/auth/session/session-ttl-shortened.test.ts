// A deploy that shortens session.refreshTokenTtlSeconds (100 days to 1 day, after an incident) or
// absoluteSessionTtlSeconds. A session row stores the ends its creation and last refresh gave it,
// under the lifetimes of that time: an idle session could still be refreshed, listed and read
// long after the new lifetime said it was over. Its ends are now the earlier of the stored ones
// and the last refresh (or creation) + the refresh lifetime configured now, and creation + the
// absolute lifetime configured now.
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../config";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestClock, createTestEngine, T0 } from "../testing/test-engine";
import { refreshSession } from "./refresh-session";
import { createNewSession, getSession, getSessionData } from "./session";
import { getAllSessionHandlesForUser, getSessionInformation, listSessionsForUser, updateSessionData } from "./session-info";

const HOUR = 3600;
const DAY = 24 * HOUR;
// Access tokens that outlive the idle time, so that getSession's database check is what answers.
const ACCESS = { accessTokenTtlSeconds: 5 * DAY };

/** One store and one clock, and an engine per configuration, as successive deploys on one database. */
function deploys() {
  const stores = createMemoryStores();
  const clock = createTestClock();
  const on = (session: NonNullable<GatehouseConfig["session"]>) => createTestEngine({ session: { ...ACCESS, ...session } }, { stores, clock }).ctx;
  return { stores, clock, on };
}

describe("the refresh-token lifetime shortened between two deploys", () => {
  it("a session idle beyond the new lifetime is over everywhere: refused as expired, not as theft", async () => {
    const { stores, clock, on } = deploys();
    const before = on({ refreshTokenTtlSeconds: 100 * DAY });
    const session = await createNewSession(before, { userId: "u1" });
    clock.advanceSeconds(HOUR);
    const refreshed = await refreshSession(before, { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe("OK");
    if (refreshed.status !== "OK") return;

    clock.advanceSeconds(2 * DAY);
    const after = on({ refreshTokenTtlSeconds: DAY });
    expect((await getSession(after, { accessToken: refreshed.tokens.accessToken, checkDatabase: true })).status).toBe("UNAUTHORISED");
    expect(await getSessionInformation(after, session.sessionHandle)).toBeNull();
    expect(await listSessionsForUser(after, "u1")).toEqual([]);
    expect(await getAllSessionHandlesForUser(after, "u1")).toEqual([]);
    expect(await getSessionData(after, session.sessionHandle)).toBeNull();
    expect(await updateSessionData(after, session.sessionHandle, { note: "late" })).toBe(false);
    // The parent token, rotated out long ago, gets what an expired session's token gets: no theft alarm.
    expect(await refreshSession(after, { refreshToken: session.refreshToken })).toEqual({ status: "UNAUTHORISED" });
    expect(await refreshSession(after, { refreshToken: refreshed.tokens.refreshToken })).toEqual({ status: "UNAUTHORISED" });
    expect(await stores.sessions.getSession(session.sessionHandle)).toBeNull();
  });

  it("the idle time counts from the last refresh: a session refreshed within the new lifetime is refreshed, and slides by it", async () => {
    const { clock, on } = deploys();
    const before = on({ refreshTokenTtlSeconds: 100 * DAY });
    const session = await createNewSession(before, { userId: "u1" });
    clock.advanceSeconds(20 * HOUR);
    const first = await refreshSession(before, { refreshToken: session.refreshToken });
    expect(first.status).toBe("OK");
    if (first.status !== "OK") return;

    // 30 hours after creation, 10 after the last refresh.
    clock.advanceSeconds(10 * HOUR);
    const after = on({ refreshTokenTtlSeconds: DAY, accessTokenTtlSeconds: 2 * DAY });
    const listed = await listSessionsForUser(after, "u1");
    expect(listed.map((s) => s.expiry)).toEqual([new Date(T0.getTime() + (20 * HOUR + DAY) * 1000)]);
    const second = await refreshSession(after, { refreshToken: first.tokens.refreshToken });
    expect(second.status).toBe("OK");
    if (second.status !== "OK") return;
    const slidTo = clock.now().getTime() + DAY * 1000;
    expect((await getSessionInformation(after, session.sessionHandle))?.expiry).toEqual(new Date(slidTo));
    // The new access token ends with the session, not at its own two-day lifetime.
    expect(second.tokens.accessTokenClaims.exp).toBe(slidTo / 1000);
    expect((await getSession(after, { accessToken: second.tokens.accessToken, checkDatabase: true })).status).toBe("OK");
  });

  it("a longer lifetime leaves the stored expiry in force, and a shortened absolute cap still ends the session", async () => {
    const { clock, on } = deploys();
    const before = on({ refreshTokenTtlSeconds: DAY, absoluteSessionTtlSeconds: 365 * DAY });
    const idle = await createNewSession(before, { userId: "u1" });
    const active = await createNewSession(before, { userId: "u2" });

    clock.advanceSeconds(12 * HOUR);
    const longer = on({ refreshTokenTtlSeconds: 100 * DAY, absoluteSessionTtlSeconds: 2 * DAY });
    const info = await getSessionInformation(longer, active.sessionHandle);
    expect(info?.expiry).toEqual(new Date(T0.getTime() + DAY * 1000));
    expect(info?.absoluteExpiry).toEqual(new Date(T0.getTime() + 2 * DAY * 1000));
    const refreshed = await refreshSession(longer, { refreshToken: active.refreshToken });
    expect(refreshed.status).toBe("OK");
    if (refreshed.status !== "OK") return;
    // Slid by the new lifetime, up to the new absolute cap.
    expect((await getSessionInformation(longer, active.sessionHandle))?.expiry).toEqual(new Date(T0.getTime() + 2 * DAY * 1000));

    clock.advanceSeconds(13 * HOUR);
    expect(await refreshSession(longer, { refreshToken: idle.refreshToken })).toEqual({ status: "UNAUTHORISED" });
    expect((await refreshSession(longer, { refreshToken: refreshed.tokens.refreshToken })).status).toBe("OK");
  });
});

describe("a shortened lifetime and a refresh that is undone", () => {
  it("a refresh whose access token cannot be issued leaves the session's end counted from that refresh", async () => {
    const { stores, clock, on } = deploys();
    const before = on({ refreshTokenTtlSeconds: 100 * DAY });
    const session = await createNewSession(before, { userId: "u1" });
    clock.advanceSeconds(20 * HOUR);
    const first = await refreshSession(before, { refreshToken: session.refreshToken });
    if (first.status !== "OK") throw new Error("the first refresh failed");

    // 30 hours after creation: a day's lifetime now, and roles too many for the token's limit.
    clock.advanceSeconds(10 * HOUR);
    const after = on({ refreshTokenTtlSeconds: DAY, maxAccessTokenBytes: 2048 });
    const permissions = Array.from({ length: 120 }, (_, i) => `reports:read:region-${String(i).padStart(3, "0")}`);
    await stores.roles.createRoleOrAddPermissions("auditor", permissions);
    await stores.roles.addRoleToUser("u1", "auditor");
    await expect(refreshSession(after, { refreshToken: first.tokens.refreshToken })).rejects.toMatchObject({ code: "CONFIG_INVALID" });

    // The role goes; the client comes back with the token it holds, 20 hours on: within a day of that refresh.
    await stores.roles.removeRoleFromUser("u1", "auditor");
    clock.advanceSeconds(20 * HOUR);
    const later = await refreshSession(after, { refreshToken: first.tokens.refreshToken });
    expect(later.status).toBe("OK");
    expect((await getSessionInformation(after, session.sessionHandle))?.expiry).toEqual(new Date(clock.now().getTime() + DAY * 1000));
  });

  it("a session whose refresh the previous release undid (rotatedAt left null) counts from that refresh, not from its creation", async () => {
    const { stores, clock, on } = deploys();
    const ctx = on({ refreshTokenTtlSeconds: 100 * DAY });
    const session = await createNewSession(ctx, { userId: "u1" });
    clock.advanceSeconds(90 * DAY);
    const first = await refreshSession(ctx, { refreshToken: session.refreshToken });
    if (first.status !== "OK") throw new Error("the first refresh failed");
    // Day 110: a refresh whose access token could not be issued, undone as the release before
    // this one did it: the presented token live again, its parent and rotatedAt null, the new
    // expiry (now + the lifetime) and lastActiveAt kept.
    clock.advanceSeconds(20 * DAY);
    const row = (await stores.sessions.getSession(session.sessionHandle))!;
    const expiresAt = new Date(clock.now().getTime() + 100 * DAY * 1000);
    await stores.sessions.rotateRefreshToken(session.sessionHandle, row.refreshTokenHash, {
      refreshTokenHash: row.refreshTokenHash,
      previousRefreshTokenHash: null,
      rotatedAt: null,
      expiresAt,
      lastActiveAt: clock.now(),
    });

    // Day 130, the lifetime unchanged: 20 days after that refresh, 130 after creation.
    clock.advanceSeconds(20 * DAY);
    expect((await getSessionInformation(ctx, session.sessionHandle))?.expiry).toEqual(expiresAt);
    expect((await refreshSession(ctx, { refreshToken: first.tokens.refreshToken })).status).toBe("OK");
  });
});

describe("the absolute session lifetime shortened between two deploys", () => {
  it("a session older than the new cap is refused; a younger one is refreshed up to it, its access token too", async () => {
    const { stores, clock, on } = deploys();
    const before = on({ refreshTokenTtlSeconds: 100 * DAY, absoluteSessionTtlSeconds: 365 * DAY, accessTokenTtlSeconds: HOUR });
    const old = await createNewSession(before, { userId: "u1" });
    clock.advanceSeconds(5 * DAY);
    const young = await createNewSession(before, { userId: "u2" });

    clock.advanceSeconds(2 * DAY - 30 * 60);
    const after = on({ refreshTokenTtlSeconds: 100 * DAY, absoluteSessionTtlSeconds: 7 * DAY, accessTokenTtlSeconds: HOUR });
    expect(await refreshSession(after, { refreshToken: young.refreshToken })).toMatchObject({ status: "OK" });
    const ended = await refreshSession(after, { refreshToken: old.refreshToken });
    // 6 days and 23.5 hours old: within the new week, with half an hour of it left.
    expect(ended.status).toBe("OK");
    if (ended.status !== "OK") return;
    const cap = T0.getTime() / 1000 + 7 * DAY;
    expect(ended.tokens.accessTokenClaims.exp).toBe(cap);
    expect((await getSessionInformation(after, old.sessionHandle))?.absoluteExpiry).toEqual(new Date(cap * 1000));
    expect((await stores.sessions.getSession(old.sessionHandle))?.expiresAt).toEqual(new Date(cap * 1000));

    clock.advanceSeconds(30 * 60);
    expect(await refreshSession(after, { refreshToken: ended.tokens.refreshToken })).toEqual({ status: "UNAUTHORISED" });
    expect(await listSessionsForUser(after, "u1")).toEqual([]);
    expect(await stores.sessions.getSession(old.sessionHandle)).toBeNull();
    expect((await listSessionsForUser(after, "u2")).map((s) => s.sessionHandle)).toEqual([young.sessionHandle]);
  });
});
