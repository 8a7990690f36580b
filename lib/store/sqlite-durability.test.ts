import { describe, expect, it, vi } from "vitest";
import { sqliteSynchronousFromEnv, withSynchronous } from "./sqlite-durability";

describe("sqliteSynchronousFromEnv", () => {
  it("is FULL unless set, and takes FULL or NORMAL in any case", () => {
    expect(sqliteSynchronousFromEnv(undefined)).toBe("FULL");
    expect(sqliteSynchronousFromEnv(" ")).toBe("FULL");
    expect(sqliteSynchronousFromEnv("normal")).toBe("NORMAL");
    expect(sqliteSynchronousFromEnv("Full")).toBe("FULL");
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["OFF", "EXTRA", "1", "full;"]) {
      expect(() => sqliteSynchronousFromEnv(value)).toThrow(/DATABASE_SQLITE_SYNCHRONOUS must be FULL or NORMAL/);
    }
  });
});

/** A connection's `pragma` on a file in WAL mode (as the migrator leaves it). */
const walPragma = () => vi.fn((source: string) => (source === "journal_mode" ? "wal" : undefined));

/** An adapter shaped like Prisma's better-sqlite3 one: a statement that changes rows moves the count. */
function fakeAdapter(file = "/data/gatehouse.db") {
  let totalChanges = 0;
  const client = {
    name: file,
    inTransaction: false,
    pragma: walPragma(),
    prepare: () => ({ pluck: () => ({ get: () => totalChanges }) }),
  };
  const adapter = {
    client,
    executeRaw: async (changes: number) => {
      totalChanges += changes;
      return changes;
    },
    queryRaw: async () => ({ rows: [] }),
  };
  return adapter;
}

describe("withSynchronous", () => {
  it("runs each connection at SQLite's NORMAL, FULL's syncs coming after each commit instead", async () => {
    const synced: string[] = [];
    const adapter = fakeAdapter();
    const factory = withSynchronous({ connect: async () => adapter }, "FULL", async (file) => {
      synced.push(file);
    });
    await factory.connect();
    expect(adapter.client.pragma).toHaveBeenCalledWith("synchronous = NORMAL");
    await adapter.queryRaw();
    expect(synced).toEqual([]);
    await adapter.executeRaw(1);
    expect(synced).toEqual(["/data/gatehouse.db-wal", "/data"]);
    // A statement that changed nothing committed nothing.
    await adapter.executeRaw(0);
    expect(synced).toHaveLength(2);
  });

  it("answers a commit only once the log's sync is done", async () => {
    let finish = () => {};
    const adapter = fakeAdapter();
    // The log's sync is held until the test lets it finish; the folder's (first time only) is not.
    const syncFile = (file: string) => (file.endsWith("-wal") ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve());
    const factory = withSynchronous({ connect: async () => adapter }, "FULL", syncFile);
    await factory.connect();
    let answered = false;
    const write = adapter.executeRaw(1).then(() => (answered = true));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(answered).toBe(false);
    finish();
    await write;
    expect(answered).toBe(true);
  });

  it("does not sync under NORMAL", async () => {
    const syncFile = vi.fn(async () => {});
    const adapter = fakeAdapter();
    await withSynchronous({ connect: async () => adapter }, "NORMAL", syncFile).connect();
    await adapter.executeRaw(1);
    expect(adapter.client.pragma).toHaveBeenCalledWith("synchronous = NORMAL");
    expect(syncFile).not.toHaveBeenCalled();
  });

  it("throws rather than run with less durability when the connection is not reachable", async () => {
    const factory = withSynchronous({ connect: async () => ({}) }, "FULL");
    await expect(factory.connect()).rejects.toThrow(/cannot set PRAGMA synchronous/);
  });

  it("throws rather than run with less durability when the adapter's calls cannot be waited on", async () => {
    const factory = withSynchronous({ connect: async () => ({ client: { name: "/data/gatehouse.db", pragma: walPragma() } }) }, "FULL");
    await expect(factory.connect()).rejects.toThrow(/cannot wait for commits to reach the disk/);
  });
});
