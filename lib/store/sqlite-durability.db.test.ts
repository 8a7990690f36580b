/**
 * SQLite's durability (sqlite-durability.ts, sqlite-group-commit.ts) on the real adapter: under
 * FULL, the default, every Prisma call that commits is answered only after a sync of the
 * write-ahead log that began after its COMMIT; reads wait for nothing. Fails if an adapter
 * upgrade moves the connection or the calls the group commit hooks into. SQLite only.
 */
import path from "node:path";
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { sqlitePathOf } from "./database-url.mjs";
import { disconnectPrismaClient, getPrismaClient, sqliteAdapter, type GatehousePrismaClient } from "./prisma-client";
import type { SqliteSynchronous } from "./sqlite-durability";

let db: TestDatabase;
let file: string;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
  file = path.resolve(sqlitePathOf(db.url));
});
afterAll(async () => {
  await disconnectPrismaClient(db.url);
  await db.drop();
});

// SQLite's number for NORMAL (PRAGMA synchronous).
const NORMAL = 1;

async function synchronousOf(client: GatehousePrismaClient): Promise<number> {
  const [row] = await client.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  return Number(row.synchronous);
}

/** Rows of the scratch table as a second connection sees them: what is committed. */
function committedRows(): number {
  const reader = new Database(file, { readonly: true });
  try {
    return Number((reader.prepare("SELECT count(*) AS n FROM durability_probe").get() as { n: number }).n);
  } finally {
    reader.close();
  }
}

interface Sync {
  file: string;
  /** Rows committed when the sync began. */
  rowsAtStart: number;
}

const opened: GatehousePrismaClient[] = [];
afterEach(async () => {
  for (const client of opened.splice(0)) await client.$disconnect();
});

/** A client of its own whose syncs the test sees, each held until `release` is called. */
async function watchedClient(mode: SqliteSynchronous, hold = false) {
  const syncs: Sync[] = [];
  const held: (() => void)[] = [];
  let holding = false;
  const syncFile = (synced: string) => {
    syncs.push({ file: synced, rowsAtStart: synced.endsWith("-wal") ? committedRows() : -1 });
    return holding && synced.endsWith("-wal") ? new Promise<void>((resolve) => held.push(resolve)) : Promise.resolve();
  };
  const { PrismaClient } = await import("./generated/sqlite/client");
  const client = new PrismaClient({ adapter: await sqliteAdapter(db.url, mode, syncFile) }) as unknown as GatehousePrismaClient;
  opened.push(client);
  await client.$executeRawUnsafe("CREATE TABLE IF NOT EXISTS durability_probe (id INTEGER PRIMARY KEY, note TEXT)");
  await client.$executeRawUnsafe("DELETE FROM durability_probe");
  // The set-up's own syncs are not the test's.
  const before = syncs.length;
  holding = hold;
  const walSyncs = () => syncs.slice(before).filter((s) => s.file === `${file}-wal`);
  return { client, syncs, walSyncs, release: () => held.splice(0).forEach((resolve) => resolve()) };
}

const turns = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("SQLite durability", () => {
  it("runs the shared client's connection at SQLite's NORMAL by default, its syncs being the group commit's", async () => {
    vi.stubEnv("DATABASE_SQLITE_SYNCHRONOUS", "");
    try {
      await disconnectPrismaClient(db.url);
      expect(await synchronousOf(await getPrismaClient(db.url))).toBe(NORMAL);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("answers a write only once the log, synced after its commit, is on disk", async () => {
    const { client, walSyncs, release } = await watchedClient("FULL", true);
    let answered = false;
    const write = client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"one"})`.then(() => (answered = true));
    await vi.waitFor(() => expect(walSyncs()).toHaveLength(1));
    await turns();
    expect(walSyncs()[0].rowsAtStart).toBe(1);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(answered).toBe(false);
    release();
    await write;
    expect(answered).toBe(true);
  });

  it("syncs nothing for a read, and the folder only with the first log sync", async () => {
    const { client, syncs, walSyncs } = await watchedClient("FULL");
    await client.$queryRaw`SELECT count(*) FROM durability_probe`;
    expect(walSyncs()).toEqual([]);
    await client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"a"})`;
    await client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"b"})`;
    expect(walSyncs()).toHaveLength(2);
    // Over the client's whole life, set-up included.
    expect(syncs.filter((s) => s.file === path.dirname(file))).toHaveLength(1);
  });

  it("syncs a transaction once, after its COMMIT, batch or interactive", async () => {
    const { client, walSyncs } = await watchedClient("FULL");
    await client.$transaction([
      client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"x"})`,
      client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"y"})`,
    ]);
    expect(walSyncs().map((s) => s.rowsAtStart)).toEqual([2]);
    await client.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"z"})`;
      await tx.$queryRaw`SELECT count(*) FROM durability_probe`;
    });
    expect(walSyncs().map((s) => s.rowsAtStart)).toEqual([2, 3]);
  });

  it("makes writes that commit while a sync runs share the next one", async () => {
    const { client, walSyncs, release } = await watchedClient("FULL", true);
    // A Prisma query starts when it is awaited or then'd.
    const first = client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"1"})`.then((n) => n);
    await vi.waitFor(() => expect(walSyncs()).toHaveLength(1));
    const rest = [2, 3, 4].map((n) => client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${String(n)})`.then((count) => count));
    await vi.waitFor(() => expect(committedRows()).toBe(4));
    await turns();
    // Three more commits, one sync running: nothing more starts until it is done.
    expect(walSyncs()).toHaveLength(1);
    release();
    await first;
    await vi.waitFor(() => expect(walSyncs()).toHaveLength(2));
    expect(walSyncs().map((s) => s.rowsAtStart)).toEqual([1, 4]);
    release();
    await Promise.all(rest);
    expect(walSyncs()).toHaveLength(2);
  });

  it("does not sync under NORMAL", async () => {
    const { client, syncs } = await watchedClient("NORMAL");
    await client.$executeRaw`INSERT INTO durability_probe (note) VALUES (${"n"})`;
    expect(syncs).toEqual([]);
  });
});

describe("SQLite durability without a write-ahead log", () => {
  // A file the migrator did not make (`prisma migrate deploy`, a copy restored from a backup):
  // it keeps SQLite's default rollback journal. There is no log for the group commit to sync,
  // so FULL must be SQLite's own, syncing inside each COMMIT; NORMAL there risks the file itself.
  let rollback: TestDatabase;
  beforeAll(async () => {
    rollback = await createTestDatabase("sqlite");
    const connection = new Database(path.resolve(sqlitePathOf(rollback.url)));
    connection.pragma("journal_mode = DELETE");
    connection.close();
  });
  afterAll(async () => {
    await rollback.drop();
  });

  it("runs FULL as SQLite's own FULL, and NORMAL as asked", async () => {
    const { PrismaClient } = await import("./generated/sqlite/client");
    for (const [mode, expected] of [
      ["FULL", 2],
      ["NORMAL", NORMAL],
    ] as const) {
      const client = new PrismaClient({ adapter: await sqliteAdapter(rollback.url, mode) }) as unknown as GatehousePrismaClient;
      opened.push(client);
      const [row] = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(row.journal_mode).toBe("delete");
      expect(await synchronousOf(client)).toBe(expected);
      await client.$disconnect();
    }
  });
});
