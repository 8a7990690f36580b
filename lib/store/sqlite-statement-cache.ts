/**
 * Prepared statements kept across queries on SQLite.
 *
 * Prisma's better-sqlite3 adapter compiles every statement anew: `prepare(sql).bind(args)` and
 * then `run()` or `raw().all()`, once per query. Compiling costs about 45 µs for the statements on
 * the hot paths, which is about a tenth of a refresh in-process (two statements and a BEGIN).
 * SQLite can run a compiled statement again with new parameters, so this keeps the compiled ones
 * by their SQL text, least recently used out first.
 *
 * It works by giving the adapter's better-sqlite3 connection a `prepare` that answers from the
 * cache. That reaches into the adapter (its `client` field), whose version is pinned exactly in
 * package.json; `sqlite-statement-cache.db.test.ts` fails if an upgrade moves the field or changes
 * the calls the adapter makes, and every SQLite integration test runs through it.
 *
 * Reusing a statement is safe here because better-sqlite3 is synchronous: `run()` and `all()`
 * finish before anything else can use the same statement, and the adapter never iterates lazily.
 * The adapter binds parameters with `bind(args)`, which better-sqlite3 allows only once per
 * statement, so the cached statement is handed out behind a view that passes the same `args` to
 * each call instead (better-sqlite3 reads an array argument exactly as `bind` does).
 */

/** The part of a better-sqlite3 statement the adapter uses. */
interface SqliteStatement {
  readonly reader: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  columns(): unknown[];
  raw(toggle?: boolean): SqliteStatement;
}

/** The part of a better-sqlite3 connection this needs. */
interface SqliteConnection {
  prepare(sql: string): unknown;
}

/** A statement with its parameters, as the adapter's `prepare(sql).bind(args)` returns it. */
interface BoundView {
  readonly reader: boolean;
  run(): unknown;
  columns(): unknown[];
  raw(): { all(): unknown[] };
}

/** What `prepare` hands the adapter: the cached statement behind `bind` and a plain `run`. */
interface CachedStatementView {
  bind(args: unknown[]): BoundView;
  run(...params: unknown[]): unknown;
}

export interface StatementCacheOptions {
  /**
   * How many compiled statements each connection keeps. The hot paths use a few dozen distinct
   * statements; each kept one holds a little of SQLite's memory.
   * @default 200
   */
  capacity?: number;
  /**
   * Statements longer than this many characters are compiled and dropped as before: bulk
   * statements (the importer's multi-row INSERTs, long `IN` lists) differ in length each time and
   * would only push the hot ones out.
   * @default 4000
   */
  maxSqlLength?: number;
}

function viewOf(statement: SqliteStatement): CachedStatementView {
  return {
    bind: (args) => ({
      reader: statement.reader,
      run: () => statement.run(args),
      columns: () => statement.columns(),
      raw: () => ({ all: () => statement.raw(true).all(args) }),
    }),
    run: (...params) => statement.run(...params),
  };
}

/**
 * Gives `connection` a `prepare` that keeps compiled statements (see the file comment). Returns
 * false, changing nothing, when `connection` is not shaped like a better-sqlite3 connection.
 */
export function cacheStatementsOn(connection: unknown, options: StatementCacheOptions = {}): boolean {
  if (typeof connection !== "object" || connection === null) return false;
  const db = connection as SqliteConnection;
  if (typeof db.prepare !== "function") return false;
  const capacity = options.capacity ?? 200;
  const maxSqlLength = options.maxSqlLength ?? 4000;
  const compile = db.prepare.bind(db) as (sql: string) => SqliteStatement;
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recent first.
  const kept = new Map<string, CachedStatementView>();
  db.prepare = (sql: string): CachedStatementView => {
    const hit = kept.get(sql);
    if (hit) {
      kept.delete(sql);
      kept.set(sql, hit);
      return hit;
    }
    // A statement that fails to compile throws here, as before, and is not kept.
    const view = viewOf(compile(sql));
    if (sql.length <= maxSqlLength) {
      kept.set(sql, view);
      if (kept.size > capacity) kept.delete(kept.keys().next().value!);
    }
    return view;
  };
  return true;
}

/**
 * Wraps Prisma's better-sqlite3 adapter factory so that every connection it opens keeps its
 * compiled statements. Should an upgraded adapter no longer expose its connection, queries run
 * uncached, as before; the test of the shared client fails then, so the upgrade is noticed.
 */
export function withStatementCache<Factory extends { connect(): Promise<object> }>(factory: Factory, options: StatementCacheOptions = {}): Factory {
  const connect = factory.connect.bind(factory);
  const connectCaching = async () => {
    const adapter = await connect();
    cacheStatementsOn((adapter as { client?: unknown }).client, options);
    return adapter;
  };
  factory.connect = connectCaching as Factory["connect"];
  return factory;
}
