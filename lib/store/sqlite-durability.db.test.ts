/**
 * SQLite's `synchronous` mode (sqlite-durability.ts) on the real adapter: the shared client's
 * connection commits with FULL unless DATABASE_SQLITE_SYNCHRONOUS says NORMAL. Fails if an
 * adapter upgrade moves the connection the mode is set on. SQLite only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { disconnectPrismaClient, getPrismaClient, sqliteAdapter, type GatehousePrismaClient } from "./prisma-client";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
});
afterAll(async () => {
  await disconnectPrismaClient(db.url);
  await db.drop();
});

// SQLite's numbers for the modes (PRAGMA synchronous).
const FULL = 2;
const NORMAL = 1;

async function synchronousOf(client: GatehousePrismaClient): Promise<number> {
  const [row] = await client.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  return Number(row.synchronous);
}

describe("SQLite durability", () => {
  it("commits with FULL on the shared client by default", async () => {
    vi.stubEnv("DATABASE_SQLITE_SYNCHRONOUS", "");
    try {
      await disconnectPrismaClient(db.url);
      expect(await synchronousOf(await getPrismaClient(db.url))).toBe(FULL);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("takes NORMAL when asked, on a client of its own", async () => {
    const { PrismaClient } = await import("./generated/sqlite/client");
    const client = new PrismaClient({ adapter: await sqliteAdapter(db.url, "NORMAL") }) as unknown as GatehousePrismaClient;
    try {
      expect(await synchronousOf(client)).toBe(NORMAL);
    } finally {
      await client.$disconnect();
    }
  });
});
