#!/usr/bin/env node
// Applies pending migrations to DATABASE_URL: `npm run db:migrate`, or `migrate(url)` from code.
//
// Written here because `prisma migrate deploy` needs a native engine that cannot be downloaded
// on machines that only reach the npm registry. It keeps Prisma's bookkeeping exactly
// (`_prisma_migrations`, same columns, sha256 checksums of the files), so on a connected
// machine `prisma migrate deploy` / `prisma migrate status` (with prisma.config.ts) take over
// at any time, and the other way round.
//
// Protocol, whatever the database:
// 1. take the migration lock, so that instances starting together do not race;
// 2. refuse another application's database: tables but no `_prisma_migrations` (as Prisma's
//    P3005), or a history holding none of our migrations;
// 3. read `_prisma_migrations` (creating it if missing);
// 4. refuse when a migration failed earlier and was not rolled back, or when an applied
//    migration's file no longer has the checksum that was recorded;
// 5. apply each pending migration in folder-name order, in a transaction where the database
//    allows (SQLite, PostgreSQL; not MySQL, whose DDL commits implicitly), recording it;
// 6. release the lock.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { providerOf, redactUrl, resolveDatabaseUrl } from "../lib/store/database-url.mjs";
import { migrationsDirOf } from "./db/paths.mjs";
import { matchesChecksum, readLockedProvider, readMigrations } from "./db/migrations-dir.mjs";

/**
 * @typedef {{ name: string; script: string; checksum: string }} Migration
 * @typedef {{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown; logs: string | null }} AppliedRow
 * @typedef {object} MigrationTarget one database, opened by scripts/db/migrate-<provider>.mjs
 * @property {() => Promise<void>} lock
 * @property {() => Promise<void>} unlock
 * @property {() => Promise<string[]>} listTables the tables and views in the migrated schema
 * @property {() => Promise<AppliedRow[]>} readApplied creates `_prisma_migrations` if missing
 * @property {(m: Migration) => Promise<boolean>} apply false when another instance applied it first
 * @property {boolean} transactional whether a failed migration leaves no trace in the schema
 * @property {() => Promise<void>} close
 */

/** Prisma's bookkeeping table, the same name on every database. */
const MIGRATIONS_TABLE = "_prisma_migrations";

/** Thrown when the database and the migrations folder disagree; the message says what to do. */
export class MigrationError extends Error {
  name = "MigrationError";
}

/**
 * @param {"sqlite"|"postgresql"|"mysql"} provider
 * @param {string} url
 * @param {(line: string) => void} log where a wait for another run's lock is reported
 */
async function openTarget(provider, url, log) {
  switch (provider) {
    case "sqlite":
      return (await import("./db/migrate-sqlite.mjs")).openSqliteTarget(url);
    case "postgresql":
      return (await import("./db/migrate-postgresql.mjs")).openPostgresTarget(url, log);
    case "mysql":
      return (await import("./db/migrate-mysql.mjs")).openMysqlTarget(url, log);
  }
}

/**
 * Applies every pending migration of the URL's provider.
 *
 * @param {string} [databaseUrl] defaults to DATABASE_URL, then to SQLite at `file:./gatehouse.db`
 * @param {object} [options]
 * @param {string} [options.migrationsDir] defaults to `prisma/<provider>/migrations`
 * @param {(line: string) => void} [options.log] defaults to console.log
 * @returns {Promise<{ applied: string[]; alreadyApplied: string[] }>}
 */
export async function migrate(databaseUrl, options = {}) {
  const url = resolveDatabaseUrl(databaseUrl);
  const provider = providerOf(url);
  const dir = options.migrationsDir ?? migrationsDirOf(provider);
  const log = options.log ?? ((line) => console.log(line));

  const locked = await readLockedProvider(dir);
  if (locked !== null && locked !== provider) {
    throw new MigrationError(`${dir} holds ${locked} migrations, but the database URL is ${provider}.`);
  }
  const migrations = await readMigrations(dir);
  if (migrations.length === 0) throw new MigrationError(`no migrations found in ${dir}.`);

  const target = await openTarget(provider, url, log);
  try {
    await target.lock();
    try {
      return await applyPending(target, migrations, log);
    } finally {
      await target.unlock();
    }
  } finally {
    await target.close();
  }
}

/**
 * @param {MigrationTarget} target
 * @param {Migration[]} migrations
 * @param {(line: string) => void} log
 */
async function applyPending(target, migrations, log) {
  const tables = await target.listTables();
  if (!tables.includes(MIGRATIONS_TABLE) && tables.length > 0) {
    throw new MigrationError(
      `the database is not empty (${describeNames(tables)}) and has no migration history (${MIGRATIONS_TABLE}): ` +
        `it is not a Gatehouse database. Nothing was changed. Point DATABASE_URL at an empty database ` +
        `(or, on PostgreSQL, an empty ?schema=), or at the one Gatehouse migrated before.`,
    );
  }
  const rows = await target.readApplied();
  const known = new Set(migrations.map((m) => m.name));
  if (rows.length > 0 && !rows.some((r) => known.has(r.migration_name))) {
    throw new MigrationError(
      `the database's ${MIGRATIONS_TABLE} records another application's migrations ` +
        `(${describeNames(rows.map((r) => r.migration_name))}), none of Gatehouse's. Nothing was changed. ` +
        `Point DATABASE_URL at an empty database (or, on PostgreSQL, an empty ?schema=), or at the one Gatehouse migrated before.`,
    );
  }
  const live = rows.filter((r) => r.rolled_back_at === null);

  const failed = live.filter((r) => r.finished_at === null);
  if (failed.length > 0) {
    const names = failed.map((r) => r.migration_name).join(", ");
    throw new MigrationError(
      `migration ${names} failed earlier and may be partly applied (MySQL cannot roll DDL back). ` +
        `Repair the schema by hand, then mark it rolled back so it is retried: ` +
        `UPDATE _prisma_migrations SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = '<name>' ` +
        `AND finished_at IS NULL; (or \`prisma migrate resolve --rolled-back <name>\`). ` +
        `Logs: ${failed.map((r) => r.logs ?? "none").join(" | ")}`,
    );
  }

  const appliedByName = new Map(live.map((r) => [r.migration_name, r]));
  for (const migration of migrations) {
    const row = appliedByName.get(migration.name);
    if (row && !matchesChecksum(migration, row.checksum)) {
      throw new MigrationError(
        `migration ${migration.name} was modified after it was applied to this database ` +
          `(recorded sha256 ${row.checksum}, file now ${migration.checksum}). Refusing to continue. ` +
          `Restore the file as it was applied (git history), and put schema changes in a new ` +
          `migration (npm run db:new-migration -- <name>).`,
      );
    }
  }
  const unknown = [...appliedByName.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    log(`db:migrate: warning: applied migrations not in the folder (newer code deployed before?): ${unknown.join(", ")}`);
  }

  const pending = migrations.filter((m) => !appliedByName.has(m.name));
  const applied = [];
  for (const migration of pending) {
    log(`db:migrate: applying ${migration.name}`);
    const started = Date.now();
    try {
      if (await target.apply(migration)) {
        applied.push(migration.name);
        log(`db:migrate: applied ${migration.name} (${Date.now() - started} ms)`);
      } else {
        log(`db:migrate: ${migration.name} was applied meanwhile by another instance; skipped`);
      }
    } catch (error) {
      const outcome = target.transactional
        ? "It was rolled back; nothing of it was applied."
        : "The database may be partly migrated: repair it before the next run.";
      throw new MigrationError(`migration ${migration.name} failed: ${error?.message ?? error}. ${outcome}`, {
        cause: error,
      });
    }
  }
  const alreadyApplied = migrations.filter((m) => appliedByName.has(m.name)).map((m) => m.name);
  if (applied.length === 0) {
    log(`db:migrate: database is up to date, nothing to apply (${alreadyApplied.length} applied).`);
  } else {
    log(`db:migrate: applied ${applied.length} migration(s).`);
  }
  return { applied, alreadyApplied };
}

/** A few names for a message: the first ten, sorted, and how many more. */
function describeNames(names) {
  const sorted = [...names].sort();
  const shown = sorted.slice(0, 10).join(", ");
  return sorted.length > 10 ? `${shown} and ${sorted.length - 10} more` : shown;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error) => {
    // Operators need the message (missing database, refused login, edited migration), not a
    // driver stack trace; DEBUG=1 shows the stack.
    console.error(`db:migrate: ${process.env.DEBUG ? (error?.stack ?? error) : (error?.message ?? error)}`);
    process.exitCode = 1;
  });
}

async function main() {
  const url = resolveDatabaseUrl();
  console.log(`db:migrate: ${providerOf(url)} at ${redactUrl(url)}`);
  await migrate(url);
}
