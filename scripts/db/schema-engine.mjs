// Prisma's WebAssembly schema engine, driven through driver adapters: migration authoring and
// drift checks for SQLite and PostgreSQL without the native engine, which cannot be downloaded
// on machines that only reach the npm registry. (Its build has no MySQL connector.)
//
// The engine's API is internal to Prisma; @prisma/schema-engine-wasm is pinned in
// package.json for that reason.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { sqlitePathOf } from "../../lib/store/database-url.mjs";
import { devPostgresUrl, pgConfigOf } from "./dev-servers.mjs";
import { toMigrationList } from "./migrations-dir.mjs";

const require = createRequire(import.meta.url);

/** @type {Promise<void> | undefined} */
let instantiated;

/**
 * The package's entry imports the .wasm as an ES module, which Node 20 cannot do, so we
 * instantiate it ourselves against its JS bindings.
 */
function instantiate() {
  instantiated ??= (async () => {
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(glue.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    /** @type {any} */ (instance.exports).__wbindgen_start();
  })();
  return instantiated;
}

/**
 * Adapts a driver adapter factory to the engine's needs:
 * - multi-statement scripts sent via `executeRaw` go to `executeScript` (better-sqlite3 runs one
 *   statement per call);
 * - `shadow` replaces the factory's own shadow database when given;
 * - every connection is remembered, so that it is closed even when the engine does not.
 */
function scriptAware(factory, shadow) {
  const opened = [];
  const wrap = (adapter) => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) =>
      query.args.length === 0 && isMultiStatement(query.sql) ? (await adapter.executeScript(query.sql), 0) : executeRaw(query);
    let disposed;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => (disposed ??= dispose());
    opened.push(adapter);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await (shadow ?? (() => factory.connectToShadowDb()))()),
    async disposeAll() {
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => {});
    },
  };
}

/** @param {string} sql */
function isMultiStatement(sql) {
  return /;\s*\S/.test(sql.trim().replace(/;+$/, ""));
}

/**
 * @param {"sqlite"|"postgresql"} provider
 * @param {string | undefined} url the engine's main database; by default an in-memory SQLite
 *   database, or the PostgreSQL dev server (only used to create shadow databases)
 */
async function adapterFactoryFor(provider, url) {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return scriptAware(new PrismaBetterSqlite3({ url: url ? `file:${sqlitePathOf(url)}` : ":memory:" }));
  }
  if (provider === "postgresql") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const factory = new PrismaPg(pgConfigOf(url ?? devPostgresUrl()));
    const connect = factory.connect.bind(factory);
    factory.connect = async () => readCharAsText(await connect());
    return scriptAware(factory, pgShadowDatabase);
  }
  throw new Error(`the wasm schema engine has no connector for ${provider}`);
}

/**
 * A scratch PostgreSQL database for the engine. The adapter's own shadow database drops the
 * database while its pool still holds a connection to it, which fails; this one closes the
 * pool first, then drops with FORCE.
 */
async function pgShadowDatabase() {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const server = pgConfigOf(devPostgresUrl());
  const database = `gh_shadow_${process.pid}_${randomBytes(6).toString("hex")}`;
  await pgAdmin(server, `CREATE DATABASE "${database}"`);
  const adapter = readCharAsText(await new PrismaPg({ ...server, database }).connect());
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await pgAdmin(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  };
  return adapter;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine reads PostgreSQL's catalogs, whose one-byte `"char"` columns (relkind, contype,
 * ...) adapter-pg 7.10 rejects as an unsupported type. They are text to every reader here, so
 * the adapter's pool reports them as such.
 */
function readCharAsText(adapter) {
  const pool = adapter.client;
  const query = pool.query.bind(pool);
  pool.query = async (...args) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  return adapter;
}

/** Runs one statement on its own connection (CREATE/DROP DATABASE cannot share a pool's). */
async function pgAdmin(config, sql) {
  const { default: pg } = await import("pg");
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs `fn` with a schema engine for `provider`, loaded with `schema`.
 * @template T
 * @param {"sqlite"|"postgresql"} provider
 * @param {string} schema the provider's schema.prisma text
 * @param {(engine: import("@prisma/schema-engine-wasm").SchemaEngine) => Promise<T>} fn
 * @param {{ url?: string }} [options] `url`: the main database (see adapterFactoryFor)
 * @returns {Promise<T>}
 */
export async function withSchemaEngine(provider, schema, fn, options = {}) {
  await instantiate();
  const factory = await adapterFactoryFor(provider, options.url);
  const logs = [];
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    (/** @type {string} */ line) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } catch (error) {
    throw withEngineMessage(error, logs);
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}

/** Engine errors arrive as plain objects or strings; give them a readable message. */
function withEngineMessage(error, logs) {
  if (error instanceof Error) return error;
  const message = typeof error === "string" ? error : (error?.message ?? JSON.stringify(error));
  const wrapped = new Error(`schema engine: ${message}`);
  wrapped.cause = { error, logs };
  return wrapped;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * SQL that takes a database built from the migrations folder to the schema; "" when they
 * agree. This is `prisma migrate diff --from-migrations --to-schema --script`.
 * @param {"sqlite"|"postgresql"} provider
 * @param {{ schema: string; migrationsDir: string }} input
 */
export async function diffMigrationsToSchema(provider, { schema, migrationsDir }) {
  const migrationsList = await toMigrationList(migrationsDir);
  return withSchemaEngine(provider, schema, async (engine) => {
    // `diff` replays the folder in a shadow database and compares the result with the schema.
    // Unlike `createMigration` it reads nothing from the main database, so it needs no
    // `devDiagnostic` call first and no `_prisma_migrations` there.
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return isEmptyScript(result.stdout ?? "") ? "" : (result.stdout ?? "");
  });
}

/** The engine reports an empty diff as a script holding only a comment. */
function isEmptyScript(script) {
  return script.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

/**
 * Prisma's own view of a database's migration history (what `prisma migrate status` reports).
 * Tests use it to prove that scripts/db-migrate.mjs keeps Prisma's bookkeeping.
 * @param {"sqlite"|"postgresql"} provider
 * @param {{ url: string; schema: string; migrationsDir: string }} input
 */
export async function diagnoseMigrationHistory(provider, { url, schema, migrationsDir }) {
  const migrationsList = await toMigrationList(migrationsDir);
  return withSchemaEngine(
    provider,
    schema,
    (engine) => engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS }),
    { url },
  );
}

/**
 * Applies the folder with Prisma's engine (what `prisma migrate deploy` does); returns the
 * names it applied.
 * @param {"sqlite"|"postgresql"} provider
 * @param {{ url: string; schema: string; migrationsDir: string }} input
 */
export async function applyMigrationsWithEngine(provider, { url, schema, migrationsDir }) {
  const migrationsList = await toMigrationList(migrationsDir);
  const output = await withSchemaEngine(provider, schema, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }), { url });
  return output.appliedMigrationNames;
}
