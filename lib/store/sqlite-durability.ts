/**
 * How SQLite commits reach the disk. FULL (the default): a caller is answered only once its
 * commit is on disk, so a committed change (a revocation, a password change, a rotated refresh
 * token) survives a power loss or an OS crash, as it does on PostgreSQL and MariaDB with their
 * defaults. It is built as a group commit (sqlite-group-commit.ts): the connection runs with
 * SQLite's `synchronous = NORMAL`, and each call that committed waits for a sync of the
 * write-ahead log begun after its commit, on libuv's thread pool, shared by the commits that
 * land meanwhile; SQLite's own FULL would sync inside each COMMIT, on the event loop. NORMAL
 * (better-sqlite3's build default in WAL mode) skips the sync: the database stays consistent
 * and survives a crash of the app, but a power loss can roll back the last commits. A database
 * without a write-ahead log (rollback-journal mode) has nothing for the group commit to sync:
 * there FULL is SQLite's own.
 *
 * Set on the adapter's better-sqlite3 connection when it opens (the `client` field, as
 * sqlite-statement-cache.ts reaches it); a connection that is not there throws instead of
 * running with less durability than asked for.
 */
import { databaseFileOf, datasyncFile, groupCommitsOf, GroupSync, walSyncOf } from "./sqlite-group-commit";

export const SQLITE_SYNCHRONOUS_MODES = ["FULL", "NORMAL"] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number];

/**
 * The `synchronous` mode of SQLite connections, from the optional `DATABASE_SQLITE_SYNCHRONOUS`
 * environment variable (case-insensitive). Ignored for PostgreSQL and MySQL.
 *
 * @default "FULL"
 * @example DATABASE_SQLITE_SYNCHRONOUS=NORMAL
 */
export function sqliteSynchronousFromEnv(value = process.env.DATABASE_SQLITE_SYNCHRONOUS): SqliteSynchronous {
  if (value === undefined || value.trim() === "") return "FULL";
  const mode = value.trim().toUpperCase();
  if (!(SQLITE_SYNCHRONOUS_MODES as readonly string[]).includes(mode)) {
    throw new Error(`DATABASE_SQLITE_SYNCHRONOUS must be FULL or NORMAL; got "${value}".`);
  }
  return mode as SqliteSynchronous;
}

/**
 * The adapter factory, with every connection it opens committing as `mode` says. `syncFile`
 * syncs one file (tests watch it; default: fdatasync).
 */
export function withSynchronous<Factory extends { connect(): Promise<object> }>(
  factory: Factory,
  mode: SqliteSynchronous,
  syncFile: (file: string) => Promise<void> = datasyncFile,
): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as { client?: { pragma?: unknown } }).client;
    if (typeof client?.pragma !== "function") {
      throw new Error("The SQLite adapter's connection is not reachable: cannot set PRAGMA synchronous (see lib/store/sqlite-durability.ts).");
    }
    const pragma = (client.pragma as (source: string, options?: { simple: boolean }) => unknown).bind(client);
    // The group commit syncs the write-ahead log; a file in rollback-journal mode (made by
    // `prisma migrate deploy` rather than the migrator, or restored from a copy) has none, so
    // FULL there is SQLite's own, syncing inside each COMMIT.
    if (mode === "FULL" && String(pragma("journal_mode", { simple: true })).toLowerCase() !== "wal") {
      pragma("synchronous = FULL");
      return adapter;
    }
    // FULL's syncs are the group commit's, after the COMMIT rather than inside it.
    pragma("synchronous = NORMAL");
    const file = databaseFileOf(adapter);
    if (mode === "FULL" && file !== undefined && !groupCommitsOf(adapter, new GroupSync(walSyncOf(file, syncFile)))) {
      throw new Error(
        "The SQLite adapter's calls are not reachable: cannot wait for commits to reach the disk (see lib/store/sqlite-group-commit.ts).",
      );
    }
    return adapter;
  };
  return factory;
}
