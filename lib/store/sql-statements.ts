/**
 * Plain SQL statements for the hot paths and the import, written with Prisma's `sql` tag, which
 * renders the placeholders each database wants (`?` or `$1`) and binds every value. Table and
 * column names are lower-case and unquoted, which SQLite, PostgreSQL and MariaDB read alike; they
 * are constants of the callers, never input.
 *
 * Why not the ORM calls: Prisma plans each model call in JavaScript before it reaches the driver,
 * and for a one-row INSERT or UPDATE that planning cost three to four times the raw statement's
 * CPU here (a createMany about 600–900 µs, the same INSERT as `$executeRaw` about 200 µs).
 */
import { empty, join, raw, sqltag as sql, type RawValue, type Sql } from "@prisma/client/runtime/client";
import type { GatehousePrismaClient } from "./prisma-client";

export { empty, raw, sql };

/** A Prisma client or interactive transaction, as far as raw statements go. */
export type RawTx = Pick<GatehousePrismaClient, "$queryRaw" | "$executeRaw">;

/**
 * `INSERT INTO table (columns) VALUES (…), (…)`, not yet awaited, so that it can also join a
 * batch `$transaction([...])`. Every row must have one value per column.
 */
export function insertStatement(tx: RawTx, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) {
  return tx.$executeRaw(insertSql(table, columns, rows));
}

/** The text of that INSERT, to run as it is or inside another statement. */
export function insertSql(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Sql {
  const values = rows.map((row) => {
    if (row.length !== columns.length) throw new Error(`${table}: a row of ${row.length} values for ${columns.length} columns`);
    return sql`(${join(row as RawValue[])})`;
  });
  return sql`INSERT INTO ${raw(table)} (${raw(columns.join(", "))}) VALUES ${join(values)}`;
}

/**
 * `INSERT INTO table (columns) SELECT values <source>`: one row, written once for each row
 * `source` (a `FROM … WHERE …`) yields, so none when it yields none. A write with a condition in
 * its own statement: the check and the write cannot be told apart by a concurrent change.
 */
export function insertSelectSql(table: string, columns: readonly string[], row: readonly unknown[], source: Sql): Sql {
  if (row.length !== columns.length) throw new Error(`${table}: a row of ${row.length} values for ${columns.length} columns`);
  return sql`INSERT INTO ${raw(table)} (${raw(columns.join(", "))}) SELECT ${join(row as RawValue[])} ${source}`;
}

/** A date column of a raw result: a Date from every driver here, read defensively (text or epoch ms). */
export function dateColumn(value: unknown, column: string): Date {
  const date = value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
  if (Number.isNaN(date.getTime())) throw new Error(`${column}: unreadable value ${String(value)}`);
  return date;
}

/** A boolean column of a raw result (SQLite and MariaDB: 0/1, as number or bigint; PostgreSQL: boolean). */
export function booleanColumn(value: unknown): boolean {
  return value === true || Number(value) === 1;
}
