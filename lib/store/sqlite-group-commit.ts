/**
 * Durable SQLite commits without blocking the event loop: a group commit.
 *
 * With `PRAGMA synchronous = FULL`, SQLite syncs the write-ahead log inside every COMMIT, and
 * better-sqlite3 runs that COMMIT on the main thread: for as long as the disk takes (0.1 ms on
 * a fast SSD, several ms on a slow or busy one) no other request of the process moves, and
 * concurrent commits each pay for a sync of their own.
 *
 * Instead the connection runs with `synchronous = NORMAL` (a commit writes the log without
 * syncing it) and every call that committed waits, before its caller hears back, for a sync of
 * the log file that began after its commit: `fdatasync` on libuv's thread pool, off the event
 * loop. Commits that land while a sync is running share the next one. What a caller is told
 * was committed is on disk, as with FULL: recovery replays the log up to its last synced
 * commit, and SQLite itself syncs the log before each checkpoint and the database after it.
 * Unlike FULL, another request can read a commit a few milliseconds before it is synced; a
 * power loss in that window undoes both, and neither was answered as durable.
 *
 * It wraps Prisma's better-sqlite3 adapter: its connection (`client`, as
 * sqlite-statement-cache.ts reaches it) runs each statement synchronously inside the adapter's
 * call, so whether a call committed is known the moment the call returns: outside a
 * transaction, SQLite's count of changed rows has moved. The adapter's version is pinned in
 * package.json, and sqlite-durability.db.test.ts fails if an upgrade changes any of this.
 */
import { open } from "node:fs/promises";
import path from "node:path";

/**
 * Runs `sync` so that each `afterCommit()` resolves once a sync that began after that call has
 * finished; calls that arrive while a sync runs share the one after it.
 */
export class GroupSync {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly sync: () => Promise<void>) {}

  afterCommit(): Promise<void> {
    if (this.queued) return this.queued;
    const running = this.running;
    if (!running) return this.begin();
    // The running sync may have started before this commit: it does not count.
    const queued = running
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.begin();
      });
    this.queued = queued;
    return queued;
  }

  private begin(): Promise<void> {
    const running: Promise<void> = this.sync().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}

/**
 * `fdatasync` of the file at `file`, on libuv's thread pool. A file that is not there has
 * nothing waiting to be synced (SQLite removes its log only after checkpointing it into the
 * synced database).
 */
export async function datasyncFile(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Syncs the log of the database at `databaseFile`; the first time also its folder, which holds
 * the log's name (a log SQLite just created is not durable until its directory entry is).
 */
export function walSyncOf(databaseFile: string, syncFile: (file: string) => Promise<void> = datasyncFile): () => Promise<void> {
  let folderSynced = false;
  return async () => {
    await syncFile(`${databaseFile}-wal`);
    if (!folderSynced) {
      await syncFile(path.dirname(databaseFile));
      folderSynced = true;
    }
  };
}

/** The part of better-sqlite3's connection this uses. */
interface SqliteConnection {
  readonly name: string;
  readonly inTransaction: boolean;
  prepare(sql: string): { pluck(): { get(): unknown } };
}

type Call = (...args: never[]) => Promise<unknown>;

/**
 * Makes every call of `adapter` (and of the transactions it starts) that commits wait for
 * `group` before it resolves. Returns false, changing nothing, when `adapter` is not shaped like
 * Prisma's better-sqlite3 adapter.
 */
export function groupCommitsOf(adapter: object, group: GroupSync): boolean {
  const client = (adapter as { client?: SqliteConnection }).client;
  if (typeof client?.prepare !== "function" || typeof client.inTransaction !== "boolean") return false;
  // Rows changed by INSERT, UPDATE and DELETE on this connection since it opened, committed or not.
  const changes = client.prepare("SELECT total_changes()").pluck();
  let changesSeen = changes.get();
  const committed = (): boolean => {
    if (client.inTransaction) return false;
    const now = changes.get();
    if (now === changesSeen) return false;
    changesSeen = now;
    return true;
  };
  const waitingForCommits = (target: object, names: string[]) => {
    for (const name of names) {
      const call = (target as Record<string, Call | undefined>)[name];
      if (typeof call !== "function") continue;
      (target as Record<string, Call>)[name] = (...args: never[]) => {
        const result = call.apply(target, args);
        // Asked now, in the same tick as the statement: a sync begun later covers it.
        if (!committed()) return result;
        const synced = group.afterCommit();
        return result.then(async (value) => {
          await synced;
          return value;
        });
      };
    }
  };
  waitingForCommits(adapter, ["queryRaw", "executeRaw", "executeScript"]);
  const startTransaction = (adapter as { startTransaction?: Call }).startTransaction;
  if (typeof startTransaction === "function") {
    (adapter as { startTransaction: Call }).startTransaction = async (...args: never[]) => {
      const transaction = (await startTransaction.apply(adapter, args)) as object;
      // The adapter runs COMMIT as a statement of the transaction; commit() only lets the next one in.
      waitingForCommits(transaction, ["queryRaw", "executeRaw", "commit"]);
      return transaction;
    };
  }
  return true;
}

/** The database file of `adapter`'s connection, for walSyncOf. */
export function databaseFileOf(adapter: object): string | undefined {
  const name = (adapter as { client?: { name?: unknown } }).client?.name;
  return typeof name === "string" && name !== ":memory:" && name !== "" ? path.resolve(name) : undefined;
}
