/**
 * The client factory: one cached client per URL, DATABASE_POOL_SIZE reaching the pools, and
 * without it the drivers' pools of 10, so that 10 concurrent requests (10 sign-ins) never queue
 * for a connection (issue 20).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { disconnectPrismaClient, getPrismaClient } from "./prisma-client";
import { rawQuery } from "./testing/raw-query.mjs";

const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const db of dbs) await db.drop();
});
afterEach(() => {
  delete process.env.DATABASE_POOL_SIZE;
});

async function fresh(provider: TestDatabase["provider"]) {
  const db = await createTestDatabase(provider);
  dbs.push(db);
  return db;
}

describe("getPrismaClient", () => {
  it("keeps Prisma's error codes when loaded through jiti, as the CLI is", async () => {
    const db = await fresh("sqlite");
    // Prisma's default "pretty" errors read the caller's source and, under jiti, turned a unique
    // violation into a TypeError: the code P2002 was lost and a taken email went unrecognised.
    const script = `
      const loaded = await import(${JSON.stringify(new URL("./prisma-client.ts", import.meta.url).pathname)});
      const { getPrismaClient } = loaded.getPrismaClient ? loaded : loaded.default;
      const client = await getPrismaClient(${JSON.stringify(db.url)});
      const data = { id: "same", email: "same@example.com", timeJoined: new Date() };
      await client.user.create({ data });
      try { await client.user.create({ data }); console.log("no error"); } catch (e) { console.log("code=" + e.code); }
      await client.$disconnect();`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "jiti/register", "--input-type=module", "-e", script]);
    expect(stdout.trim()).toBe("code=P2002");
  });

  it("shares one client per URL until it is disconnected", async () => {
    const db = await fresh("sqlite");
    const first = await getPrismaClient(db.url);
    expect(await getPrismaClient(db.url)).toBe(first);
    await disconnectPrismaClient(db.url);
    const second = await getPrismaClient(db.url);
    expect(second).not.toBe(first);
    expect(await second.user.count()).toBe(0);
    await disconnectPrismaClient(db.url);
  });

  const connections: Record<"postgresql" | "mysql", (db: TestDatabase) => string> = {
    postgresql: (db) => `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = '${db.name}' AND pid <> pg_backend_pid()`,
    mysql: (db) => `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = '${db.name}' AND ID <> CONNECTION_ID()`,
  };
  const sleep = { postgresql: "SELECT 1 AS slept FROM pg_sleep(0.3)", mysql: "SELECT SLEEP(0.3) AS slept" };

  // Four seconds each: the MariaDB pool opens its connections one after another (each with its
  // session set-up), and on a loaded machine ten of them took longer than one second: a query
  // whose connection came late found an earlier one free and shared it.
  const backendId = { postgresql: "SELECT pg_backend_pid() AS id FROM pg_sleep(4)", mysql: "SELECT CONNECTION_ID() AS id, SLEEP(4) AS slept" };

  it.each(["postgresql", "mysql"] as const)("%s: without DATABASE_POOL_SIZE, 10 queries at once run on 10 connections", async (provider) => {
    const db = await fresh(provider);
    const prisma = await getPrismaClient(db.url);
    try {
      // Each query holds its connection for its whole sleep: queued on a smaller pool, some would share one.
      const rows = await Promise.all(Array.from({ length: 10 }, () => prisma.$queryRawUnsafe<{ id: unknown }[]>(backendId[provider])));
      expect(new Set(rows.map(([row]) => String(row!.id))).size).toBe(10);
    } finally {
      await disconnectPrismaClient(db.url);
    }
  });

  it.each(["postgresql", "mysql"] as const)("%s: never opens more connections than DATABASE_POOL_SIZE", async (provider) => {
    const db = await fresh(provider);
    process.env.DATABASE_POOL_SIZE = "2";
    const prisma = await getPrismaClient(db.url);
    try {
      let settled = false;
      const running = Promise.all(Array.from({ length: 8 }, () => prisma.$queryRawUnsafe(sleep[provider]))).finally(() => {
        settled = true;
      });
      // Sampled for as long as the queries run (at least 4 × 0.3 s through a pool of 2), so that
      // a slow machine, which opens the connections late, still shows the most that were open.
      let most = 0;
      while (!settled) {
        const [row] = await rawQuery(db.url, connections[provider](db));
        most = Math.max(most, Number(row!.n));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await running;
      expect(most).toBe(2);
    } finally {
      await disconnectPrismaClient(db.url);
    }
  });
});
