/**
 * The refresh's compare-and-swap (SessionStore.rotateAndReadForAccessToken: one statement on
 * PostgreSQL, two elsewhere) after a deploy that shortened the session lifetimes, on each
 * database: a session idle past the refresh lifetime configured now, counted from its last
 * refresh (rotated_at, created_at before the first), or older than the absolute lifetime
 * configured now, matches nothing, whatever later ends its row stored. The engine's read-first
 * path then answers it as expired (session-ttl-shortened.test.ts has the engine's side).
 */
import { createHash, randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import type { SessionLifetimes, SessionRow } from "../auth/ports";
import { refreshSession } from "../auth/session/refresh-session";
import { createNewSession } from "../auth/session/session";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from ".";
import { describeOnEachDatabase } from "./testing/each-database";
import { sessionRowFor } from "./testing/session-row";

const HOUR = 3600;
const DAY = 24 * HOUR;
const BEFORE = { refreshTokenTtlSeconds: 100 * DAY, absoluteSessionTtlSeconds: 365 * DAY };

describeOnEachDatabase((provider, url) => {
  it(`${provider}: the refresh's swap refuses a session past a shortened lifetime, and takes one within it`, async () => {
    const stores = createPrismaStores(url());
    const clock = createTestClock(new Date(Math.floor(Date.now() / 1000) * 1000));
    const on = (session: NonNullable<GatehouseConfig["session"]>) => createTestEngine({ session }, { stores, clock }).ctx;
    const user = await stores.users.createEmailPasswordUser({
      id: `ttl-${randomUUID()}`,
      email: `ttl-${randomUUID()}@example.com`,
      passwordHash: "not-a-hash",
      timeJoined: clock.now(),
    });
    if (user.status !== "OK") throw new Error("the user was not created");
    const userId = user.user.id;
    const before = on(BEFORE);
    const idle = await createNewSession(before, { userId });
    const active = await createNewSession(before, { userId });
    clock.advanceSeconds(20 * HOUR);
    expect((await refreshSession(before, { refreshToken: active.refreshToken })).status).toBe("OK");

    // 30 hours after both were created; the active one was refreshed 10 hours ago.
    clock.advanceSeconds(10 * HOUR);
    const now = clock.now();
    const rowOf = async (handle: string) => (await stores.sessions.getSession(handle))!;
    const swap = (row: SessionRow, refreshTokenTtlSeconds: number) => {
      const next = {
        refreshTokenHash: createHash("sha256").update(randomUUID()).digest("hex"),
        previousRefreshTokenHash: row.refreshTokenHash,
        rotatedAt: now,
        expiresAt: new Date(now.getTime() + refreshTokenTtlSeconds * 1000),
        lastActiveAt: now,
      };
      return (lifetimes: SessionLifetimes) =>
        stores.sessions.rotateAndReadForAccessToken(row.sessionHandle, row.refreshTokenHash, next, {
          liveAt: now,
          absoluteAtLeast: next.expiresAt,
          lifetimes,
        });
    };

    const idleRow = await rowOf(idle.sessionHandle);
    expect(idleRow.expiresAt.getTime()).toBeGreaterThan(now.getTime() + 90 * DAY * 1000);
    // One day of refresh lifetime: 30 hours idle since creation is past it.
    expect(await swap(idleRow, DAY)({ ...BEFORE, refreshTokenTtlSeconds: DAY }), provider).toBeNull();
    // A week of absolute lifetime, and the new sliding expiry would pass it: not on the fast path either.
    expect(await swap(idleRow, 6 * DAY)({ refreshTokenTtlSeconds: 6 * DAY, absoluteSessionTtlSeconds: 7 * DAY }), provider).toBeNull();
    // A day of absolute lifetime: 30 hours old is past it.
    expect(await swap(idleRow, HOUR)({ refreshTokenTtlSeconds: HOUR, absoluteSessionTtlSeconds: DAY }), provider).toBeNull();
    expect(await rowOf(idle.sessionHandle)).toEqual(idleRow);

    // The active session's last refresh was 10 hours ago: within a day, and within a week's cap.
    const activeRow = await rowOf(active.sessionHandle);
    expect(await swap(activeRow, DAY)({ refreshTokenTtlSeconds: DAY, absoluteSessionTtlSeconds: 7 * DAY }), provider).toMatchObject({ userId });
    expect((await rowOf(active.sessionHandle)).expiresAt).toEqual(new Date(now.getTime() + DAY * 1000));

    // The engine on the shortened configuration: the idle session is over, and its row deleted.
    const after = on({ ...BEFORE, refreshTokenTtlSeconds: DAY });
    expect(await refreshSession(after, { refreshToken: idle.refreshToken })).toEqual({ status: "UNAUTHORISED" });
    expect(await stores.sessions.getSession(idle.sessionHandle)).toBeNull();
  });

  it(`${provider}: the swap counts a row with a null rotated_at from its last_active_at, as the release before wrote an undone refresh`, async () => {
    const stores = createPrismaStores(url());
    const created = new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 567));
    const user = await stores.users.createEmailPasswordUser({
      id: `ttl-${randomUUID()}`,
      email: `ttl-${randomUUID()}@example.com`,
      passwordHash: "not-a-hash",
      timeJoined: created,
    });
    if (user.status !== "OK") throw new Error("the user was not created");
    // Created 130 days ago; refreshed on day 110 and that refresh undone by the release before:
    // rotated_at null, the refresh's expiry and last_active_at kept.
    const refreshedAt = new Date(created.getTime() + 110 * DAY * 1000);
    const row = sessionRowFor(user.user.id, created, {
      expiresAt: new Date(refreshedAt.getTime() + BEFORE.refreshTokenTtlSeconds * 1000),
      absoluteExpiresAt: new Date(created.getTime() + BEFORE.absoluteSessionTtlSeconds * 1000),
      lastActiveAt: refreshedAt,
    });
    await stores.sessions.createSession(row);
    const now = new Date(created.getTime() + 130 * DAY * 1000);
    const next = {
      refreshTokenHash: createHash("sha256").update(randomUUID()).digest("hex"),
      previousRefreshTokenHash: row.refreshTokenHash,
      rotatedAt: now,
      expiresAt: new Date(now.getTime() + BEFORE.refreshTokenTtlSeconds * 1000),
      lastActiveAt: now,
    };
    const swapped = await stores.sessions.rotateAndReadForAccessToken(row.sessionHandle, row.refreshTokenHash, next, {
      liveAt: now,
      absoluteAtLeast: next.expiresAt,
      lifetimes: BEFORE,
    });
    expect(swapped, provider).toMatchObject({ userId: user.user.id });
  });
});
