/**
 * Read access to another system's database by URL (the one users are imported from): not our
 * schema, so plain SQL through the drivers Gatehouse already has (pg, mariadb, better-sqlite3)
 * rather than Prisma. Opened read-only where the driver allows it; nothing here writes.
 */
import { sqlitePathOf } from "../../store/database-url.mjs";
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

export async function openForeignDatabase(url: string): Promise<ForeignDatabase> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
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
      bigIntAsNumber: true,
      insertIdAsNumber: true,
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
export const asMillis = (v: unknown): number | undefined =>
  v === null || v === undefined
    ? undefined
    : v instanceof Date
      ? v.getTime()
      : typeof v === "number" || typeof v === "bigint"
        ? Number(v)
        : Date.parse(String(v)) || undefined;
export const asBoolean = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "t" || v === "true" || v === BigInt(1);
