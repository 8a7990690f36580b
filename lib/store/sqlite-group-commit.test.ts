import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { datasyncFile, GroupSync, walSyncOf } from "./sqlite-group-commit";

/** A sync the test finishes by hand, recording when each one began. */
function controlledSyncs() {
  const started: { finish(): void; fail(error: Error): void }[] = [];
  const sync = () =>
    new Promise<void>((resolve, reject) => {
      started.push({ finish: resolve, fail: reject });
    });
  return { started, sync };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  // Enough turns of the microtask queue for any chained callbacks to run.
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
};

describe("GroupSync", () => {
  it("starts a sync for a commit when none is running, and answers when it is done", async () => {
    const { started, sync } = controlledSyncs();
    const group = new GroupSync(sync);
    const waited = group.afterCommit();
    expect(started).toHaveLength(1);
    expect(await settled(waited)).toBe(false);
    started[0].finish();
    expect(await settled(waited)).toBe(true);
  });

  it("makes commits that land during a sync wait for the next one, which they share", async () => {
    const { started, sync } = controlledSyncs();
    const group = new GroupSync(sync);
    const first = group.afterCommit();
    // Both commit while the first sync runs: it may have begun before their writes.
    const second = group.afterCommit();
    const third = group.afterCommit();
    expect(started).toHaveLength(1);
    started[0].finish();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    expect(started).toHaveLength(2);
    started[1].finish();
    expect(await settled(second)).toBe(true);
    expect(await settled(third)).toBe(true);
    expect(started).toHaveLength(2);
  });

  it("fails the commits a failed sync covered, and starts afresh for the next", async () => {
    const { started, sync } = controlledSyncs();
    const group = new GroupSync(sync);
    const first = group.afterCommit();
    const second = group.afterCommit();
    started[0].fail(new Error("EIO"));
    await expect(first).rejects.toThrow("EIO");
    // The queued one still gets a sync of its own, begun after the failed one.
    expect(await settled(second)).toBe(false);
    started[1].finish();
    await expect(second).resolves.toBeUndefined();
    const third = group.afterCommit();
    expect(started).toHaveLength(3);
    started[2].finish();
    await expect(third).resolves.toBeUndefined();
  });
});

describe("walSyncOf", () => {
  it("syncs the database's log every time, and its folder the first time", async () => {
    const synced: string[] = [];
    const sync = walSyncOf("/data/app/gatehouse.db", async (file) => {
      synced.push(file);
    });
    await sync();
    await sync();
    expect(synced).toEqual(["/data/app/gatehouse.db-wal", "/data/app", "/data/app/gatehouse.db-wal"]);
  });
});

describe("datasyncFile", () => {
  it("syncs a file and a folder, and takes a missing file as nothing to sync", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-sync-"));
    try {
      const file = path.join(dir, "db-wal");
      writeFileSync(file, "frames");
      await expect(datasyncFile(file)).resolves.toBeUndefined();
      await expect(datasyncFile(dir)).resolves.toBeUndefined();
      await expect(datasyncFile(path.join(dir, "gone-wal"))).resolves.toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
