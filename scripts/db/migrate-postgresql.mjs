// PostgreSQL side of the migrator (see scripts/db-migrate.mjs for the protocol).
//
// DDL is transactional here, so each migration and its `_prisma_migrations` row commit
// together or not at all. Concurrency: a session advisory lock with the key Prisma's own
// `migrate deploy` uses, so this migrator and Prisma's exclude each other too.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { postgresConnectTimeoutMs } from "../../lib/store/postgres-connect-timeout.mjs";

const PRISMA_ADVISORY_LOCK = 72707369;
/** How often a run waiting for the lock tries again, and says so every this many tries. */
const LOCK_POLL_MS = 1000;
const LOCK_NOTICE_EVERY = 10;

// Prisma's own definition of the table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const INSERT = `INSERT INTO "_prisma_migrations"
  ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** `"name"` with embedded quotes doubled. */
const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * @param {string} url a postgresql:// URL; `?schema=` selects the schema, as with Prisma
 * @param {(line: string) => void} [log] where waits for another run's lock are reported
 * @returns {Promise<import("../db-migrate.mjs").MigrationTarget>}
 */
export async function openPostgresTarget(url, log = (line) => console.log(line)) {
  // The URL's query_timeout bounds the app's queries (lib/store/postgres-query-timeout.ts); pg would
  // apply it here too, to every migration statement and to the wait for another run's lock (and
  // read `0` as a 1 ms bound). A migration takes as long as it takes: leave it out.
  // Its connect_timeout does apply: a server that accepts and never answers held the start forever.
  const connectionString = new URL(url);
  connectionString.searchParams.delete("query_timeout");
  const connectionTimeoutMillis = postgresConnectTimeoutMs(url);
  const client = new pg.Client({ connectionString: connectionString.toString(), connectionTimeoutMillis });
  await client.connect();
  // `public` without `?schema=`, as for Prisma and the app's model queries, which name it. The
  // server's default search_path ("$user", public) would put the tables in a schema named after
  // the role where one exists, out of the app's sight.
  const schema = new URL(url).searchParams.get("schema") || "public";
  try {
    // A search_path may name a schema that does not exist yet; lock() creates it.
    await client.query(`SET search_path TO ${quoteIdent(schema)}`);
  } catch (error) {
    await client.end().catch(() => {}); // an open client would keep the process from exiting
    throw error;
  }

  const isApplied = async (name) =>
    (
      await client.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = $1 AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
        [name],
      )
    ).rowCount > 0;

  return {
    async lock() {
      // Tried rather than awaited in pg_advisory_lock: a wait (a long migration elsewhere, or one
      // stuck behind the app's locks) is then said, with who holds the lock, not silent.
      for (let attempt = 0; ; attempt++) {
        const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS acquired", [PRISMA_ADVISORY_LOCK]);
        if (rows[0].acquired) break;
        if (attempt % LOCK_NOTICE_EVERY === 0) {
          const holder = await client.query(
            // Advisory locks belong to a database; pg_locks lists every database's.
            `SELECT string_agg(pid::text, ', ') AS pids FROM pg_locks
              WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1 AND objsubid = 1
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [PRISMA_ADVISORY_LOCK],
          );
          const by = holder.rows[0]?.pids ? ` (the lock is held by server process ${holder.rows[0].pids})` : "";
          log(`db:migrate: waiting for another migration run to finish${by}...`);
        }
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
      // Under the lock: CREATE SCHEMA IF NOT EXISTS fails on pg_namespace's unique index, not
      // finds the schema, when another instance is creating the same one at that moment. Looked
      // up first: CREATE SCHEMA needs the CREATE privilege on the database even when it exists.
      const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
      if (rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    },
    async unlock() {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
    },
    async listTables() {
      // From the catalog, not information_schema, which lists only the tables this role may use:
      // another application's, out of its reach, made the database look empty. An extension's
      // own relations (pg_stat_statements' views, PostGIS's spatial_ref_sys, often created in a
      // fresh database's `public` from the template) are the server's, not an application's.
      const { rows } = await client.query(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            AND NOT EXISTS (SELECT 1 FROM pg_depend d
                             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`,
      );
      return rows.map((row) => row.relname);
    },
    async readApplied() {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query(
        `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "logs" FROM "_prisma_migrations" ORDER BY "started_at"`,
      );
      return rows;
    },
    async apply(migration) {
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        if (await isApplied(migration.name)) {
          await client.query("COMMIT");
          return false;
        }
        // No parameters: pg uses the simple query protocol, which runs multi-statement scripts.
        await client.query(migration.script);
        await client.query(INSERT, [randomUUID(), migration.checksum, new Date(), migration.name, null, null, startedAt, 1]);
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        // Rolled back entirely, so recorded as rolled back: Prisma ignores the row, and the
        // next run retries the migration.
        await client
          .query(INSERT, [randomUUID(), migration.checksum, null, migration.name, String(error?.message ?? error), new Date(), startedAt, 0])
          .catch(() => {}); // the original error matters more than its record
        throw error;
      }
    },
    transactional: true,
    async close() {
      await client.end();
    },
  };
}
