// SQLite side of the migrator (see scripts/db-migrate.mjs for the protocol).
//
// SQLite has no advisory locks; instead each migration runs inside BEGIN IMMEDIATE, which takes
// the database's write lock, and re-checks `_prisma_migrations` once it holds it. A second
// instance starting at the same moment waits on the lock, then finds the migration recorded.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqlitePathOf } from "../../lib/store/database-url.mjs";

// Prisma's own definition, byte for byte, so `prisma migrate` accepts the table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const INSERT = `INSERT INTO "_prisma_migrations"
  ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** Timestamps as Prisma writes them through its SQLite driver adapter. */
const now = () => new Date().toISOString().replace("Z", "+00:00");

/**
 * Rows breaking a foreign key, counted by child and parent table. Counted rather than listed by
 * rowid: a table-redefinition migration copies a table, which may renumber its rows.
 * @param {import("better-sqlite3").Database} db
 * @returns {Map<string, number>} "child → parent" to the number of rows
 */
function countViolations(db) {
  const counts = new Map();
  for (const { table, parent } of /** @type {{ table: string; parent: string }[]} */ (db.pragma("foreign_key_check"))) {
    const pair = `${table} → ${parent}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/**
 * @param {string} url a `file:` URL
 * @returns {Promise<import("../db-migrate.mjs").MigrationTarget>}
 */
export async function openSqliteTarget(url) {
  const file = sqlitePathOf(url);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Waits up to a minute for another instance's write lock instead of failing with SQLITE_BUSY.
  const db = new Database(file, { timeout: 60_000 });
  // WAL lets the app keep reading while a writer (or this migrator) works; it is a property of
  // the file and persists.
  db.pragma("journal_mode = WAL");
  // Prisma's table-redefinition migrations copy a table, drop the old one and rename. With
  // foreign keys enforced, the DROP would cascade-delete child rows, and PRAGMA foreign_keys
  // cannot be changed inside a transaction. So it is off for this connection and violations
  // are checked before each commit instead (the procedure in SQLite's ALTER TABLE docs).
  db.pragma("foreign_keys = OFF");

  const isApplied = (name) =>
    db
      .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`)
      .get(name) !== undefined;

  return {
    async lock() {},
    async unlock() {},
    async listTables() {
      return db
        .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
        .all()
        .map((row) => row.name);
    },
    async readApplied() {
      db.exec(CREATE_MIGRATIONS_TABLE);
      return db
        .prepare(`SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "logs" FROM "_prisma_migrations" ORDER BY "started_at"`)
        .all();
    },
    async apply(migration) {
      db.exec("BEGIN IMMEDIATE");
      const startedAt = now();
      try {
        if (isApplied(migration.name)) {
          db.exec("COMMIT");
          return false;
        }
        // Only what the migration broke: rows that broke a key before it ran (an orphan left by
        // the sqlite3 shell, which keeps foreign keys off) would otherwise block every upgrade.
        const before = countViolations(db);
        db.exec(migration.script);
        const added = [...countViolations(db)].filter(([pair, count]) => count > (before.get(pair) ?? 0));
        if (added.length > 0) {
          const detail = added.map(([pair, count]) => `${pair}: ${count - (before.get(pair) ?? 0)} row(s)`).join(", ");
          throw new Error(`foreign key violations after migration (child table → parent table): ${detail}`);
        }
        db.prepare(INSERT).run(randomUUID(), migration.checksum, now(), migration.name, null, null, startedAt, 1);
        db.exec("COMMIT");
        return true;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        // Rolled back entirely, so recorded as rolled back: Prisma ignores the row, and the
        // next run retries the migration.
        try {
          db.prepare(INSERT).run(randomUUID(), migration.checksum, null, migration.name, String(error?.message ?? error), now(), startedAt, 0);
        } catch {
          // the original error matters more than its record
        }
        throw error;
      }
    },
    transactional: true,
    async close() {
      db.close();
    },
  };
}
