// MySQL/MariaDB side of the migrator (see scripts/db-migrate.mjs for the protocol).
//
// MySQL commits implicitly around every DDL statement, so a migration cannot be rolled back.
// Like Prisma, the row is written before the script runs and completed after it; a crash or
// error in between leaves a failed row that stops later runs until someone repairs the schema
// by hand. Concurrency: a named lock, the one Prisma's `migrate deploy` takes.
import { randomUUID } from "node:crypto";
import mariadb from "mariadb";
import { mariadbConnectionString } from "../../lib/store/mariadb-connect-timeout.mjs";

const LOCK_NAME = "prisma_migrate";
const LOCK_WAIT_SECONDS = 10;
const LOCK_ATTEMPTS = 30;

// Prisma's own definition of the table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

/**
 * The driver's connection string: the mariadb connector only knows `mariadb://`, a migration
 * file is one multi-statement script, and the one connection gets 10 s to open, not the
 * connector's 1 s (lib/store/mariadb-connect-timeout.mjs).
 * @param {string} url
 */
function connectionStringOf(url) {
  const u = new URL(mariadbConnectionString(url));
  u.searchParams.set("multipleStatements", "true");
  return u.toString();
}

/**
 * @param {string} url a mysql:// or mariadb:// URL
 * @param {(line: string) => void} [log] where waits for another run's lock are reported
 * @returns {Promise<import("../db-migrate.mjs").MigrationTarget>}
 */
export async function openMysqlTarget(url, log = (line) => console.log(line)) {
  const conn = await mariadb.createConnection(connectionStringOf(url));
  // Timestamps in `_prisma_migrations` are UTC, as Prisma writes them.
  await conn.query("SET time_zone = '+00:00'");

  return {
    async lock() {
      // Tried at once first, so that a wait is said when it starts, not 10 seconds into it.
      const [free] = await conn.query("SELECT GET_LOCK(?, 0) AS acquired", [LOCK_NAME]);
      if (Number(free.acquired) === 1) return;
      for (let attempt = 1; attempt <= LOCK_ATTEMPTS; attempt++) {
        log(`db:migrate: waiting for another migration run to finish (${attempt})...`);
        const [row] = await conn.query("SELECT GET_LOCK(?, ?) AS acquired", [LOCK_NAME, LOCK_WAIT_SECONDS]);
        if (Number(row.acquired) === 1) return;
      }
      throw new Error(`could not take the migration lock "${LOCK_NAME}"; is another migration stuck?`);
    },
    async unlock() {
      await conn.query("SELECT RELEASE_LOCK(?)", [LOCK_NAME]);
    },
    async listTables() {
      const rows = await conn.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
      return rows.map((row) => row.name);
    },
    async readApplied() {
      await conn.query(CREATE_MIGRATIONS_TABLE);
      return conn.query("SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at");
    },
    async apply(migration) {
      const id = randomUUID();
      await conn.query(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3), 0)",
        [id, migration.checksum, migration.name],
      );
      try {
        await conn.query(migration.script);
      } catch (error) {
        await conn.query("UPDATE _prisma_migrations SET logs = ? WHERE id = ?", [String(error?.message ?? error), id]).catch(() => {}); // the original error matters more than its record
        throw error;
      }
      await conn.query("UPDATE _prisma_migrations SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?", [id]);
      return true;
    },
    transactional: false,
    async close() {
      await conn.end();
    },
  };
}
