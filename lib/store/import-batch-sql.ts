/**
 * The import batch's statements as plain SQL: multi-row INSERTs and `IN` reads, cut into chunks
 * that every database accepts. Written with Prisma's `sql` tag, which renders the placeholders
 * each database wants (`?` or `$1`), and with the lower-case, unquoted table and column names
 * that SQLite, PostgreSQL and MariaDB read alike. Table and column names are constants of the
 * callers, never input.
 */
import { join, raw, type RawValue, type Sql } from "@prisma/client/runtime/client";
import { insertStatement, sql, type RawTx } from "./sql-statements";

export type { RawTx };

/**
 * Bound values per statement. Below every supported database's limit (SQLite 32,766, PostgreSQL
 * and MariaDB 65,535), and small enough that a 5,000-user batch still fits in a few statements.
 */
export const MAX_PARAMETERS_PER_STATEMENT = 10_000;

export { sql };

/** `INSERT INTO table (columns) VALUES (…), (…), …`: one statement per chunk of rows; nothing for no rows. */
export async function insertRows(tx: RawTx, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns.length));
  for (let from = 0; from < rows.length; from += perStatement) {
    await insertStatement(tx, table, columns, rows.slice(from, from + perStatement));
  }
}

/**
 * `<select> <column> IN (…)`: `select` ends where the condition on `column` goes (after `WHERE`
 * or `AND`). One statement per chunk of values, the rows of all of them; nothing for no values.
 */
export async function selectWhereIn<Row>(tx: RawTx, select: Sql, column: string, values: readonly unknown[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let from = 0; from < values.length; from += MAX_PARAMETERS_PER_STATEMENT) {
    const chunk = values.slice(from, from + MAX_PARAMETERS_PER_STATEMENT) as RawValue[];
    rows.push(...(await tx.$queryRaw<Row[]>(sql`${select} ${raw(column)} IN (${join(chunk)})`)));
  }
  return rows;
}
