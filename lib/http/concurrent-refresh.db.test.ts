/**
 * 50 concurrent refreshes of 50 different sessions through the route handlers (issue 9,
 * reliability): no "database is locked", no 5xx. Two instances share the database, each with its
 * own connection, as two `next start` processes on one SQLite file would: SQLite's single writer
 * is where this breaks first (WAL and a busy timeout let writers queue instead of failing).
 */
import { afterAll, expect, it } from "vitest";
import { createNewSession } from "../auth/session/session";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, createPrismaStoresOn, openPrismaClient } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import type { GatehousePrismaClient } from "../store/prisma-client";
import { createAuthClient } from "./testing/client";

const SESSIONS = 50;

describeOnEachDatabase((provider, url) => {
  const opened: GatehousePrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.$disconnect()));
  });

  it(`${SESSIONS} concurrent refreshes of different sessions, over two instances: all 200, none locked`, async () => {
    const clock = createTestClock(new Date());
    const a = createTestEngine({}, { stores: createPrismaStores(url()), clock });
    const second = openPrismaClient(url());
    void second.then((client) => opened.push(client));
    const b = createTestEngine({}, { stores: createPrismaStoresOn(() => second), clock });

    // Users and sessions made directly (no argon2 per user): the refreshes are what is measured.
    const sessions = [];
    for (let i = 0; i < SESSIONS; i++) {
      const id = `refresh-user-${i}`;
      const created = await a.stores.users.createEmailPasswordUser({
        id,
        email: `refresh-${i}@example.com`,
        passwordHash: "not-a-hash",
        timeJoined: clock.now(),
      });
      expect(created.status).toBe("OK");
      sessions.push(await createNewSession(a.ctx, { userId: id }));
    }

    const answers = await Promise.all(
      sessions.map(async (tokens, i) => {
        const instance = i % 2 === 0 ? a : b;
        const response = await createAuthClient(instance.ctx).send("POST", "/api/auth/session/refresh", {
          headers: { cookie: `sRefreshToken=${tokens.refreshToken}` },
          cookies: false,
        });
        return { status: response.status, body: await response.text(), cookies: response.headers.getSetCookie() };
      }),
    );
    const failures = answers.filter((answer) => answer.status !== 200);
    expect(failures, `${provider}: ${JSON.stringify(failures.slice(0, 3))}`).toEqual([]);
    for (const answer of answers) {
      expect(answer.body).not.toMatch(/locked|SQLITE_BUSY/i);
      expect(answer.cookies.some((c) => c.startsWith("sRefreshToken=") && !c.startsWith("sRefreshToken=;"))).toBe(true);
    }
    // Every session rotated exactly once: the new refresh tokens work, the old ones are spent.
    const rows = await Promise.all(sessions.map((s) => a.stores.sessions.getSession(s.sessionHandle)));
    expect(rows.every((row) => row?.rotatedAt)).toBe(true);
  });
});
