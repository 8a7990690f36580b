/**
 * Read access to another system's database by URL (the one users are imported from): not our
 * schema, so plain SQL through the drivers Gatehouse already has (pg, mariadb, better-sqlite3)
 * rather than Prisma. Opened read-only where the driver allows it; nothing here writes.
 */
import { sqlitePathOf } from "../../store/database-url.mjs";
import { mariadbConnectTimeoutMs } from "../../store/mariadb-connect-timeout.mjs";
import { postgresConnectTimeoutMs } from "../../store/postgres-connect-timeout.mjs";
import { CliError } from "../context";

export type Row = Record<string, unknown>;

export interface ForeignDatabase {
  dialect: "postgresql" | "mysql" | "sqlite";
  /** `?` placeholders on every dialect. */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** An identifier quoted for this dialect: "User" on PostgreSQL and SQLite, `User` on MySQL. */
  quote(name: string): string;
  close(): Promise<void>;
}

// pg numbers its placeholders ($1, $2, …); the readers write `?` for every dialect.
function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * How a timestamp without a time zone (PostgreSQL's `timestamp`, MySQL's `DATETIME`, SQLite text
 * such as `2024-05-06 07:08:09`) is read: "utc" for a source whose writer stores UTC (Prisma,
 * SQLite's own clock), "local" for one that stores the wall time of the machine it runs on.
 */
export type ZonelessTimestamps = "utc" | "local";

export interface ForeignDatabaseOptions {
  /** @default "local" (the importing machine's zone) */
  zonelessTimestamps?: ZonelessTimestamps;
}

/** A reading of the `--from` URL that refuses it: a usage error (exit 2), as a bad scheme is. */
function usageOf<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

/** PostgreSQL's `timestamp` (without time zone) type. */
const PG_TIMESTAMP_OID = 1114;

export async function openForeignDatabase(url: string, options: ForeignDatabaseOptions = {}): Promise<ForeignDatabase> {
  const utc = options.zonelessTimestamps === "utc";
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { default: pg } = await import("pg");
    // pg reads a `timestamp` in the process's zone; as UTC, its text goes to utcMillis instead.
    const types = utc
      ? {
          getTypeParser: ((oid: number, format?: "text") =>
            oid === PG_TIMESTAMP_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
        }
      : undefined;
    // Bounded as the app's own connections are (10 s, or the URL's connect_timeout): pg's default
    // waited without end on a server that accepts and never answers.
    const connectionTimeoutMillis = usageOf(() => postgresConnectTimeoutMs(url, "--from"));
    const client = new pg.Client({ connectionString: url, types, connectionTimeoutMillis });
    await client.connect();
    await client.query("SET default_transaction_read_only = on");
    return {
      dialect: "postgresql",
      query: async (sql, params = []) => (await client.query(numberPlaceholders(sql), params)).rows as Row[],
      quote: (name) => `"${name.replace(/"/g, '""')}"`,
      close: () => client.end(),
    };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const mariadb = await import("mariadb");
    const u = new URL(url);
    const connection = await mariadb.createConnection({
      host: u.hostname,
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: decodeURIComponent(u.pathname.slice(1)),
      // 10 s, or the URL's connectTimeout (ms): the connector's 1 s is short for one try.
      connectTimeout: usageOf(() => mariadbConnectTimeoutMs(url, "--from")),
      bigIntAsNumber: true,
      insertIdAsNumber: true,
      // The connector reads a DATETIME in the process's zone; as UTC, its text goes to utcMillis
      // instead, and the session's time_zone is UTC so that a TIMESTAMP's text is UTC too.
      ...(utc && { dateStrings: true, timezone: "Z" }),
    });
    return {
      dialect: "mysql",
      query: async (sql, params = []) => (await connection.query(sql, params)) as Row[],
      quote: (name) => `\`${name.replace(/`/g, "``")}\``,
      close: () => connection.end(),
    };
  }
  if (url.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(sqlitePathOf(url), { readonly: true, fileMustExist: true });
    return {
      dialect: "sqlite",
      query: async (sql, params = []) => db.prepare(sql).all(...params) as Row[],
      quote: (name) => `"${name.replace(/"/g, '""')}"`,
      close: async () => void db.close(),
    };
  }
  throw new CliError("--from: a postgresql://, mysql://, mariadb:// or file: (SQLite) URL", 2);
}

/** A BIGINT, DATETIME, boolean-ish or text column as the JavaScript value the import format wants. */
export const asNumber = (v: unknown): number => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Number(String(v)));
export const asMillis = (v: unknown, zoneless: ZonelessTimestamps = "local"): number | undefined =>
  v === null || v === undefined
    ? undefined
    : v instanceof Date
      ? v.getTime()
      : typeof v === "number" || typeof v === "bigint"
        ? Number(v)
        : (zoneless === "utc" ? utcMillis(String(v)) : Date.parse(String(v))) || undefined;

/** A date and time without a zone (`2024-05-06 07:08:09.120`, `T` or space): Date.parse reads it in the process's zone. */
const ZONELESS_DATE_TIME = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;

/** Epoch milliseconds of a date text, one without a zone read as UTC. */
export function utcMillis(text: string): number {
  const zoneless = ZONELESS_DATE_TIME.exec(text.trim());
  return Date.parse(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : text);
}
export const asBoolean = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "t" || v === "true" || v === BigInt(1);
