/**
 * The Prisma client for DATABASE_URL: provider, generated client and driver adapter are picked
 * from the URL's scheme at run time, and only that provider's adapter and driver are loaded
 * (an SQLite deployment never loads pg or mariadb).
 *
 * Clients are cached on `globalThis`, keyed by URL: Next's dev server re-evaluates modules on
 * every edit, and a warm serverless instance runs many invocations; both must reuse the open
 * connection pool instead of opening a new one each time.
 */
import type { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { providerOf, resolveDatabaseUrl, sqlitePathOf } from "./database-url.mjs";
import { sqliteSynchronousFromEnv, withSynchronous, type SqliteSynchronous } from "./sqlite-durability";
import { withConnectionLock } from "./sqlite-connection-lock";
import { withStatementCache } from "./sqlite-statement-cache";
import { withStrictSqlMode } from "./mysql-strict-mode";
import { postgresConnectTimeoutMs } from "./postgres-connect-timeout.mjs";
import { postgresQueryTimeout } from "./postgres-query-timeout";

/**
 * The client type the stores are written against. The three generated clients come from the
 * same models and differ only in provider-specific extras the stores do not use, so the SQLite
 * client's type stands for all three; the contract tests run the stores on each database.
 */
export type GatehousePrismaClient = SqlitePrismaClient;

/** Resolves the shared client; stores call it per operation, so nothing loads before first use. */
export type PrismaClientSource = () => Promise<GatehousePrismaClient>;

/** Prisma's own name for the client's provider ("sqlite", "postgresql", "mysql"); internal but present since Prisma 2. */
export function providerOfClient(prisma: GatehousePrismaClient): string | undefined {
  return (prisma as unknown as { _activeProvider?: string })._activeProvider;
}

type ClientCache = Map<string, Promise<GatehousePrismaClient>>;

const globalCache = globalThis as typeof globalThis & { __gatehousePrismaClients?: ClientCache };

function clientCache(): ClientCache {
  return (globalCache.__gatehousePrismaClients ??= new Map());
}

/**
 * Maximum number of connections in the PostgreSQL or MySQL pool, from the optional
 * `DATABASE_POOL_SIZE` environment variable. Unset means the driver's default (10 for both
 * pg and mariadb). Ignored for SQLite, which uses one connection. On serverless platforms a
 * small value (1–3) keeps many concurrent instances under the server's connection limit.
 *
 * @default undefined (driver default)
 * @example DATABASE_POOL_SIZE=5
 */
export function poolSizeFromEnv(value = process.env.DATABASE_POOL_SIZE): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DATABASE_POOL_SIZE must be a positive integer; got "${value}".`);
  }
  return size;
}

/**
 * The shared client for `databaseUrl` (default: DATABASE_URL, then SQLite at
 * `file:./gatehouse.db`). Connections open lazily on the first query.
 */
export function getPrismaClient(databaseUrl?: string): Promise<GatehousePrismaClient> {
  const url = resolveDatabaseUrl(databaseUrl);
  const cache = clientCache();
  let client = cache.get(url);
  if (!client) {
    client = createPrismaClient(url, poolSizeFromEnv());
    cache.set(url, client);
    // A failed load (missing generated client, bad URL) must not be cached forever.
    const loading = client;
    loading.catch(() => {
      if (cache.get(url) === loading) cache.delete(url);
    });
  }
  return client;
}

/** Closes the cached client for `databaseUrl`, if any (tests, graceful shutdown). */
export async function disconnectPrismaClient(databaseUrl?: string): Promise<void> {
  const url = resolveDatabaseUrl(databaseUrl);
  const cache = clientCache();
  const client = cache.get(url);
  cache.delete(url);
  if (client) await (await client).$disconnect();
}

/** Closes every cached client. */
export async function disconnectAllPrismaClients(): Promise<void> {
  const cache = clientCache();
  const clients = [...cache.values()];
  cache.clear();
  await Promise.all(clients.map(async (client) => (await client).$disconnect()));
}

/**
 * A new client of its own, outside the shared cache: for tests that need two independent
 * "instances" on one database. The caller disconnects it.
 */
export function openPrismaClient(databaseUrl?: string): Promise<GatehousePrismaClient> {
  return createPrismaClient(resolveDatabaseUrl(databaseUrl), poolSizeFromEnv());
}

/**
 * "minimal": errors keep their code (P2002, …) and message without a source excerpt. The default
 * "pretty" format reads the caller's source file to quote it, and under jiti (the CLI) that read
 * fails and replaces the whole error with a TypeError, so a unique violation was not recognised.
 */
const ERROR_FORMAT = "minimal" as const;

async function createPrismaClient(url: string, poolSize: number | undefined): Promise<GatehousePrismaClient> {
  switch (providerOf(url)) {
    case "sqlite": {
      const [{ PrismaClient }, adapter] = await Promise.all([import("./generated/sqlite/client"), sqliteAdapter(url)]);
      return new PrismaClient({ adapter, errorFormat: ERROR_FORMAT });
    }
    case "postgresql": {
      const [{ PrismaClient }, { PrismaPg }] = await Promise.all([import("./generated/postgresql/client"), import("@prisma/adapter-pg")]);
      // `?schema=` is Prisma's convention for a non-public schema; the migrator honours it too.
      const schema = new URL(url).searchParams.get("schema") ?? undefined;
      const connectionTimeoutMillis = postgresConnectTimeoutMs(url);
      const { url: rest, queryTimeoutMs } = postgresQueryTimeout(url);
      const connectionString = withSearchPath(rest, schema);
      const adapter = new PrismaPg({ connectionString, max: poolSize, connectionTimeoutMillis, query_timeout: queryTimeoutMs }, { schema });
      return new PrismaClient({ adapter, errorFormat: ERROR_FORMAT }) as unknown as GatehousePrismaClient;
    }
    case "mysql": {
      const [{ PrismaClient }, { PrismaMariaDb }] = await Promise.all([import("./generated/mysql/client"), import("@prisma/adapter-mariadb")]);
      const adapter = new PrismaMariaDb(withStrictSqlMode(withConnectionLimit(url, poolSize)));
      return new PrismaClient({ adapter, errorFormat: ERROR_FORMAT }) as unknown as GatehousePrismaClient;
    }
  }
}

/**
 * Prisma's better-sqlite3 adapter for an SQLite URL, keeping compiled statements across queries
 * (sqlite-statement-cache.ts), queries outside a transaction kept out of other requests' open
 * ones (sqlite-connection-lock.ts), each connection committing as durably as `synchronous` says
 * (sqlite-durability.ts). The path follows the migrator's rule: relative to the working
 * directory, `?query` dropped. `syncFile`: how a file is synced (tests watch it).
 */
export async function sqliteAdapter(
  url: string,
  synchronous: SqliteSynchronous = sqliteSynchronousFromEnv(),
  syncFile?: (file: string) => Promise<void>,
) {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  // The durability wrapper goes inside: it prepares its own statement on the uncached connection.
  // The lock goes outside: a query's turn covers its durability check, not its wait for the disk.
  return withConnectionLock(
    withStatementCache(withSynchronous(new PrismaBetterSqlite3({ url: `file:${sqlitePathOf(url)}` }), synchronous, syncFile)),
  );
}

/**
 * The URL with the connection's search_path set to `schema` (through the startup `options`, kept
 * with any the URL has: no extra statement per connection). The adapter's `schema` qualifies only
 * Prisma's model queries; the plain SQL (sql-statements.ts and the raw reads) names its tables
 * unqualified, so without this it used `public`: missing tables there, or another installation's.
 */
export function withSearchPath(url: string, schema: string | undefined): string {
  if (schema === undefined) return url;
  const parsed = new URL(url);
  // A quoted identifier for the server; spaces and backslashes escaped for the options' word splitting.
  const identifier = `"${schema.replaceAll('"', '""')}"`.replace(/[\\ ]/g, (c) => `\\${c}`);
  const options = [parsed.searchParams.get("options"), `-c search_path=${identifier}`].filter(Boolean).join(" ");
  parsed.searchParams.set("options", options);
  return parsed.toString();
}

/** Adds mariadb's `connectionLimit` unless the URL already sets it. */
function withConnectionLimit(url: string, poolSize: number | undefined): string {
  if (poolSize === undefined) return url;
  const parsed = new URL(url);
  if (!parsed.searchParams.has("connectionLimit")) {
    parsed.searchParams.set("connectionLimit", String(poolSize));
  }
  return parsed.toString();
}
