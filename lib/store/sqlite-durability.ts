/**
 * How SQLite commits reach the disk. FULL (the default): a commit returns once the write-ahead
 * log is synced, so a committed change (a revocation, a password change, a rotated refresh
 * token) survives a power loss or an OS crash, as it does on PostgreSQL and MariaDB with their
 * defaults. NORMAL (better-sqlite3's build default in WAL mode) skips that sync: about 0.03 ms
 * per commit instead of 0.14–0.28 ms here (docs/performance.md), the database stays consistent
 * and survives a crash of the app, but a power loss can roll back the last commits.
 *
 * Set on the adapter's better-sqlite3 connection when it opens (the `client` field, as
 * sqlite-statement-cache.ts reaches it); a connection that is not there throws instead of
 * running with less durability than asked for.
 */

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

/** The adapter factory, with every connection it opens set to `mode`. */
export function withSynchronous<Factory extends { connect(): Promise<object> }>(factory: Factory, mode: SqliteSynchronous): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as { client?: { pragma?: unknown } }).client;
    if (typeof client?.pragma !== "function") {
      throw new Error("The SQLite adapter's connection is not reachable: cannot set PRAGMA synchronous (see lib/store/sqlite-durability.ts).");
    }
    (client.pragma as (source: string) => unknown)(`synchronous = ${mode}`);
    return adapter;
  };
  return factory;
}
