// Per-run test databases: every test run creates its own uniquely named database, migrates it
// with scripts/db-migrate.mjs and drops it afterwards, so runs never share state and parallel
// runs never collide. Servers: GATEHOUSE_DEV_POSTGRES_URL and GATEHOUSE_DEV_MYSQL_URL (see
// scripts/db/dev-servers.mjs); SQLite files go to the OS temp directory.
//
// Usage from a test:
//   const db = await createTestDatabase("postgresql");   // migrated
//   ... use db.url ...
//   await db.drop();
//
// A run of the integration suite (scripts/test-integration.mjs) migrates one template database per
// provider first and names them to its test processes (TEMPLATES_VARIABLE); a migrated test
// database is then a copy of its template instead of a fresh migration: the same schema and
// `_prisma_migrations` rows, in a fraction of the time (MariaDB's DDL is the slow part of many
// files). Without the variable, or with `migrationsDir` or `migrate: false`, nothing changes.
//
// From a shell: `node scripts/test-db.mjs create postgresql` prints a URL;
// `node scripts/test-db.mjs drop <url>` drops it; `node scripts/test-db.mjs prune` drops the
// leftovers of runs that were killed before cleaning up.
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROVIDERS, providerOf, sqlitePathOf } from "../lib/store/database-url.mjs";
import { migrate } from "./db-migrate.mjs";
import { isProcessRunning } from "./process-running.mjs";
import { devMysqlUrl, devPostgresUrl, mysqlConfigOf, withDatabase } from "./db/dev-servers.mjs";

/** Every test database's name starts with this; drop refuses any other name. */
export const TEST_DATABASE_PREFIX = "gh_test_";

/** The providers a test can ask for. */
export const TEST_PROVIDERS = PROVIDERS;

/** A fresh name: prefix, process id (to trace leftovers), random suffix. */
export function uniqueDatabaseName() {
  return `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(5).toString("hex")}`;
}

/**
 * Creates an empty database for `provider` and (unless `migrate: false`) applies the
 * committed migrations with the project's migrator.
 * @param {"sqlite"|"postgresql"|"mysql"} provider
 * @param {{ migrate?: boolean; migrationsDir?: string }} [options]
 */
export async function createTestDatabase(provider, options = {}) {
  const template = options.migrate !== false && options.migrationsDir === undefined ? templateUrlOf(provider) : undefined;
  return template ? cloneTestDatabase(provider, template) : createMigratedTestDatabase(provider, options);
}

/**
 * @param {"sqlite"|"postgresql"|"mysql"} provider
 * @param {{ migrate?: boolean; migrationsDir?: string }} options
 */
async function createMigratedTestDatabase(provider, options) {
  const name = uniqueDatabaseName();
  const url = await createEmptyDatabase(provider, name);
  try {
    if (options.migrate !== false) {
      await migrate(url, { migrationsDir: options.migrationsDir, log: () => {} });
    }
  } catch (error) {
    await dropTestDatabase(url).catch(() => {});
    throw error;
  }
  return { provider, name, url, drop: () => dropTestDatabase(url) };
}

/** Names a run's template databases to its test processes: JSON, provider → URL. */
export const TEMPLATES_VARIABLE = "GATEHOUSE_TEST_DB_TEMPLATES";

/** @param {"sqlite"|"postgresql"|"mysql"} provider @returns {string | undefined} */
function templateUrlOf(provider) {
  const named = process.env[TEMPLATES_VARIABLE];
  return named ? JSON.parse(named)[provider] : undefined;
}

/**
 * Migrates one template database per provider, for a run's test processes to copy. A provider
 * whose server does not answer gets none: its tests then fail on their own, as without templates.
 * @returns {Promise<{ variable: string; failed: string[]; drop(): Promise<void> }>}
 */
export async function createTemplateDatabases() {
  const settled = await Promise.all(
    TEST_PROVIDERS.map((provider) =>
      createMigratedTestDatabase(provider, {}).then(
        (db) => ({ provider, db }),
        (error) => ({ provider, error }),
      ),
    ),
  );
  const made = settled.filter((s) => "db" in s);
  return {
    variable: JSON.stringify(Object.fromEntries(made.map((s) => [s.provider, s.db.url]))),
    failed: settled.filter((s) => "error" in s).map((s) => `${s.provider}: ${s.error?.message ?? s.error}`),
    drop: async () => {
      await Promise.all(made.map((s) => s.db.drop()));
    },
  };
}

/**
 * A new test database as a copy of `templateUrl`'s: SQLite copies the file (the migrator closed
 * it, so its WAL is checkpointed); PostgreSQL copies it as a TEMPLATE (nothing connects to the
 * template); MariaDB, which has no templates, replays each table's definition and copies its rows.
 * @param {"sqlite"|"postgresql"|"mysql"} provider
 * @param {string} templateUrl
 */
async function cloneTestDatabase(provider, templateUrl) {
  const name = uniqueDatabaseName();
  let url;
  if (provider === "postgresql") {
    await onPostgres(devPostgresUrl(), `CREATE DATABASE "${name}" TEMPLATE "${databaseNameOf(templateUrl)}"`);
    url = withDatabase(devPostgresUrl(), name);
  } else {
    url = await createEmptyDatabase(provider, name);
    try {
      if (provider === "sqlite") copyFileSync(sqlitePathOf(templateUrl), sqlitePathOf(url));
      else await copyMysqlTables(databaseNameOf(templateUrl), name);
    } catch (error) {
      await dropTestDatabase(url).catch(() => {});
      throw error;
    }
  }
  return { provider, name, url, drop: () => dropTestDatabase(url) };
}

/** @type {Map<string, Promise<{ table: string; definition: string }[]>>} */
const mysqlTemplateTables = new Map();

/** @param {string} template @param {string} name */
async function copyMysqlTables(template, name) {
  if (!mysqlTemplateTables.has(template)) mysqlTemplateTables.set(template, readMysqlTables(template));
  const tables = await /** @type {Promise<{ table: string; definition: string }[]>} */ (mysqlTemplateTables.get(template));
  const { default: mariadb } = await import("mariadb");
  const conn = await mariadb.createConnection({ ...mysqlConfigOf(devMysqlUrl()), database: name, multipleStatements: true });
  try {
    // Tables come in name order, not in the order their foreign keys need.
    await conn.query(
      [
        "SET FOREIGN_KEY_CHECKS = 0",
        ...tables.map((t) => t.definition),
        ...tables.map((t) => `INSERT INTO \`${t.table}\` SELECT * FROM \`${template}\`.\`${t.table}\``),
      ].join(";\n"),
    );
  } finally {
    await conn.end();
  }
}

/** @param {string} template */
async function readMysqlTables(template) {
  const { default: mariadb } = await import("mariadb");
  const conn = await mariadb.createConnection(mysqlConfigOf(devMysqlUrl()));
  try {
    const rows = await conn.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
      [template],
    );
    const tables = [];
    for (const { name } of rows) {
      const [shown] = await conn.query(`SHOW CREATE TABLE \`${template}\`.\`${name}\``);
      tables.push({ table: name, definition: shown["Create Table"] });
    }
    return tables;
  } finally {
    await conn.end();
  }
}

/** @param {string} url */
function databaseNameOf(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** @param {"sqlite"|"postgresql"|"mysql"} provider @param {string} name */
async function createEmptyDatabase(provider, name) {
  switch (provider) {
    case "sqlite": {
      const dir = path.join(os.tmpdir(), "gatehouse-tests");
      mkdirSync(dir, { recursive: true });
      return `file:${path.join(dir, `${name}.db`)}`;
    }
    case "postgresql": {
      await onPostgres(devPostgresUrl(), `CREATE DATABASE "${name}"`);
      return withDatabase(devPostgresUrl(), name);
    }
    case "mysql": {
      await onMysql(devMysqlUrl(), `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      return withDatabase(devMysqlUrl(), name);
    }
    default:
      throw new Error(`unknown provider ${provider}`);
  }
}

/**
 * Drops a database made by `createTestDatabase`. Refuses names without the test prefix, so a
 * production URL passed by mistake is never dropped.
 * @param {string} url
 */
export async function dropTestDatabase(url) {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqlitePathOf(url);
    assertTestName(path.basename(file, ".db"));
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    return;
  }
  const name = databaseNameOf(url);
  assertTestName(name);
  if (provider === "postgresql") {
    // FORCE: a pool that has not finished closing must not keep the database alive.
    await onPostgres(devPostgresUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    await onMysql(devMysqlUrl(), `DROP DATABASE IF EXISTS \`${name}\``);
  }
}

/**
 * Drops test databases left behind by runs that died before their cleanup: those whose
 * creating process (the pid in the name) no longer exists on this machine.
 * @returns {Promise<string[]>} the names dropped
 */
export async function dropStaleTestDatabases() {
  const stale = (name) => {
    const pid = Number(/^gh_test_(\d+)_/.exec(name)?.[1]);
    return Boolean(pid) && pid !== process.pid && !isProcessRunning(pid);
  };
  const dropped = [];
  const pattern = `${TEST_DATABASE_PREFIX.replaceAll("_", "\\_")}%`;
  const pgNames = (await onPostgres(devPostgresUrl(), `SELECT datname AS name FROM pg_database WHERE datname LIKE '${pattern}'`)).map((r) => r.name);
  for (const name of pgNames.filter(stale)) {
    await dropTestDatabase(withDatabase(devPostgresUrl(), name));
    dropped.push(name);
  }
  const mysqlNames = (
    await onMysql(devMysqlUrl(), `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${pattern}'`)
  ).map((r) => r.name);
  for (const name of mysqlNames.filter(stale)) {
    await dropTestDatabase(withDatabase(devMysqlUrl(), name));
    dropped.push(name);
  }
  const dir = path.join(os.tmpdir(), "gatehouse-tests");
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    const name = file.replace(/\.db(-wal|-shm|-journal)?$/, "");
    if (file.endsWith(".db") && stale(name)) {
      await dropTestDatabase(`file:${path.join(dir, file)}`);
      dropped.push(name);
    }
  }
  return dropped;
}

/** @param {string} name */
function assertTestName(name) {
  if (!new RegExp(`^${TEST_DATABASE_PREFIX}\\w+$`).test(name)) {
    throw new Error(`refusing to drop "${name}": not a test database (${TEST_DATABASE_PREFIX}*)`);
  }
}

async function onPostgres(adminUrl, sql) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function onMysql(adminUrl, sql) {
  const { default: mariadb } = await import("mariadb");
  const conn = await mariadb.createConnection(mysqlConfigOf(adminUrl));
  try {
    return await conn.query(sql);
  } finally {
    await conn.end();
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const [command, arg] = process.argv.slice(2);
  const run =
    command === "create" && arg
      ? createTestDatabase(/** @type {any} */ (arg)).then((db) => console.log(db.url))
      : command === "drop" && arg
        ? dropTestDatabase(arg)
        : command === "prune"
          ? dropStaleTestDatabases().then((names) => console.log(`dropped ${names.length} stale test database(s)`))
          : Promise.reject(new Error("usage: node scripts/test-db.mjs create <sqlite|postgresql|mysql> | drop <url> | prune"));
  run.catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
