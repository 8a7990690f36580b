/**
 * Queries outside a transaction stay out of other requests' open transactions on SQLite's one
 * connection (sqlite-connection-lock.ts), on the adapter the app uses. SQLite only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { sqliteAdapter, type GatehousePrismaClient } from "./prisma-client";

let db: TestDatabase;
let client: GatehousePrismaClient;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
  const { PrismaClient } = await import("./generated/sqlite/client");
  client = new PrismaClient({ adapter: await sqliteAdapter(db.url) }) as unknown as GatehousePrismaClient;
  await client.$executeRawUnsafe("CREATE TABLE lock_probe (note TEXT)");
});
afterAll(async () => {
  await client.$disconnect();
  await db.drop();
});

const notes = async () => (await client.$queryRawUnsafe<{ note: string }[]>("SELECT note FROM lock_probe ORDER BY note")).map((row) => row.note);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An interactive transaction that writes, holds the connection for `ms`, then rolls back. */
function transactionRolledBackAfter(ms: number, note: string) {
  return client
    .$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO lock_probe (note) VALUES (${note})`;
      await sleep(ms);
      throw new Error("rolled back");
    })
    .catch((error: Error) => error.message);
}

describe("SQLite's one connection", () => {
  it("keeps a write made while another request's transaction is open out of its rollback", async () => {
    await client.$executeRawUnsafe("DELETE FROM lock_probe");
    const rolledBack = transactionRolledBackAfter(300, "inside");
    await sleep(100);
    // Answered as done: it must stay done.
    expect(await client.$executeRaw`INSERT INTO lock_probe (note) VALUES (${"outside"})`).toBe(1);
    expect(await rolledBack).toBe("rolled back");
    expect(await notes()).toEqual(["outside"]);
  });

  it("never shows a read what another request's open transaction has not committed", async () => {
    await client.$executeRawUnsafe("DELETE FROM lock_probe");
    const rolledBack = transactionRolledBackAfter(300, "uncommitted");
    await sleep(100);
    expect(await notes()).toEqual([]);
    await rolledBack;
  });

  it("still runs transactions one after another, and everything else in order", async () => {
    await client.$executeRawUnsafe("DELETE FROM lock_probe");
    const batch = (n: number) =>
      client.$transaction([
        client.$executeRaw`INSERT INTO lock_probe (note) VALUES (${`b${n}a`})`,
        client.$executeRaw`INSERT INTO lock_probe (note) VALUES (${`b${n}b`})`,
      ]);
    await Promise.all([
      batch(1),
      client.$executeRaw`INSERT INTO lock_probe (note) VALUES (${"plain"})`,
      batch(2),
      transactionRolledBackAfter(50, "x"),
    ]);
    expect(await notes()).toEqual(["b1a", "b1b", "b2a", "b2b", "plain"]);
  });
});
