/**
 * LISTEN/NOTIFY on PostgreSQL: two independent instances (each its own Prisma client, stores,
 * engine context and listener) on one database. A revocation on A reaches B through NOTIFY with
 * B's sync interval set to ten minutes, so no sync can be what delivered it; with B's listener
 * killed, B's sync still delivers the next one.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { createEngineContext, type EngineContext } from "../auth/context";
import { resolveConfig } from "../auth/resolve-config";
import type { RevocationStore } from "../auth/ports/revocation-store";
import { createNewSession, getSession } from "../auth/session/session";
import { revokeSession } from "../auth/session/session-revocation";
import { createTestClock, TEST_SECRET, type TestClock } from "../auth/testing/test-engine";
import { createPrismaStoresOn, openPrismaClient, type GatehousePrismaClient } from "./index";
import { REVOCATION_LISTENER_APPLICATION_NAME } from "./revocation-listener";
import { createPrismaRevocationStore } from "./prisma-revocation-store";

/** Sync interval: far longer than any test waits, yet shorter than the access-token lifetime. */
const SYNC_INTERVAL_MS = 600_000;

interface Instance {
  ctx: EngineContext;
  /** How many times this instance has read `session_revocations` (its syncs). */
  syncs(): number;
  /** Its feed's log lines: "revocations.listening" and "revocations.listener_failed". */
  feedEvents: string[];
  close(): Promise<void>;
}

async function startInstance(url: string, clock: TestClock, retryMs: number): Promise<Instance> {
  const prisma: GatehousePrismaClient = await openPrismaClient(url);
  const source = async () => prisma;
  const base = createPrismaRevocationStore(source, { notify: true, listenUrl: url, listener: { minRetryMs: retryMs, maxRetryMs: retryMs } });
  let syncs = 0;
  const revocations: RevocationStore = {
    ...base,
    listRevocations: (since, now) => (syncs++, base.listRevocations(since, now)),
  };
  const feedEvents: string[] = [];
  const capture = (fields: object) => {
    const event = (fields as { event?: string }).event;
    if (event?.startsWith("revocations.listen")) feedEvents.push(event);
  };
  const log = { debug: () => {}, info: capture, warn: capture, error: capture, child: () => log };
  const ctx = createEngineContext({
    config: resolveConfig({
      appOrigin: "http://localhost:3000",
      session: { revocationSyncIntervalMs: SYNC_INTERVAL_MS, accessTokenTtlSeconds: 3600 },
    }),
    stores: { ...createPrismaStoresOn(source), revocations },
    secret: TEST_SECRET,
    now: clock.now,
    log,
  });
  return {
    ctx,
    syncs: () => syncs,
    feedEvents,
    async close() {
      await ctx.revocations.close();
      await prisma.$disconnect();
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("revocations through LISTEN/NOTIFY (PostgreSQL, two instances)", () => {
  let db: TestDatabase;
  const instances: Instance[] = [];
  // The database keeps no clock of its own here: both instances share a test clock near now.
  const clock = createTestClock(new Date());

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close().catch(() => {});
    await db?.drop();
  });

  async function signedInUser(a: Instance): Promise<string> {
    const userId = randomUUID();
    await a.ctx.stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "x", timeJoined: clock.now() });
    return (await createNewSession(a.ctx, { userId })).accessToken;
  }

  async function onBackend(sql: string): Promise<unknown[]> {
    const prisma = await openPrismaClient(db.url);
    try {
      return await prisma.$queryRawUnsafe(sql);
    } finally {
      await prisma.$disconnect();
    }
  }

  it("a revocation on A reaches B through NOTIFY, long before B's next sync", async () => {
    const a = await startInstance(db.url, clock, 50);
    const b = await startInstance(db.url, clock, 50);
    instances.push(a, b);
    const token = await signedInUser(a);
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK"); // B syncs, starts listening
    await until(() => b.feedEvents.includes("revocations.listening"), "B's listener");
    // The (re)connection asks for one sync, to cover what came before it; let it run.
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK");
    const syncsBefore = b.syncs();

    expect(await revokeSession(a.ctx, await handleOf(a.ctx, token))).toBe(true);
    await until(async () => (await getSession(b.ctx, { accessToken: token })).status === "UNAUTHORISED", "B to refuse the token");
    expect(b.syncs()).toBe(syncsBefore); // no sync ran: the notification did it
  });

  it("with B's listener killed, B keeps serving and its sync still delivers revocations", async () => {
    const a = await startInstance(db.url, clock, 50);
    // B retries only after a minute: within this test its listener stays dead.
    const b = await startInstance(db.url, clock, 60_000);
    instances.push(a, b);
    const token = await signedInUser(a);
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK");
    await until(() => b.feedEvents.includes("revocations.listening"), "B's listener");
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK");

    // Kill every listener on this database from the server side (as a failover or an idle
    // timeout would); A's comes back after 50 ms, B's not within this test.
    await onBackend(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${REVOCATION_LISTENER_APPLICATION_NAME}' AND datname = current_database()`,
    );
    await until(() => b.feedEvents.includes("revocations.listener_failed"), "B to notice its listener died");

    expect(await revokeSession(a.ctx, await handleOf(a.ctx, token))).toBe(true);
    await new Promise((r) => setTimeout(r, 500)); // ample time for a NOTIFY, had anyone listened
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK"); // no sync due, no feed
    clock.advanceSeconds(SYNC_INTERVAL_MS / 1000); // B's interval has passed: the next request syncs
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("UNAUTHORISED");
  });

  it("a listener that lost its connection reconnects, and its reconnection triggers a sync", async () => {
    const a = await startInstance(db.url, clock, 50);
    const b = await startInstance(db.url, clock, 50);
    instances.push(a, b);
    const token = await signedInUser(a);
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK");
    await until(() => b.feedEvents.includes("revocations.listening"), "B's listener");
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK");
    await onBackend(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${REVOCATION_LISTENER_APPLICATION_NAME}' AND datname = current_database()`,
    );
    await until(() => b.feedEvents.filter((e) => e === "revocations.listening").length >= 2, "B's listener to come back");
    const syncsBefore = b.syncs();
    expect((await getSession(b.ctx, { accessToken: token })).status).toBe("OK");
    expect(b.syncs()).toBe(syncsBefore + 1); // the gap is covered by one sync

    expect(await revokeSession(a.ctx, await handleOf(a.ctx, token))).toBe(true);
    await until(async () => (await getSession(b.ctx, { accessToken: token })).status === "UNAUTHORISED", "B to refuse the token");
    expect(b.syncs()).toBe(syncsBefore + 1);
  });
});

async function handleOf(ctx: EngineContext, token: string): Promise<string> {
  const result = await getSession(ctx, { accessToken: token, checkDatabase: true });
  if (result.status !== "OK") throw new Error(`expected a live session, got ${result.status}`);
  return result.session.sessionHandle;
}
