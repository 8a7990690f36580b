/**
 * Reading tables of a schema the app owns (Auth.js and Lucia apps write their own): the table and
 * some column names come from options, some columns exist only in some versions. A table or
 * column that is not there is a usage error naming it, not a driver's stack.
 */
import { CliError } from "../context";
import type { ForeignDatabase, Row } from "./foreign-database";

export interface TableRead {
  /** The source's name, for messages: "authjs", "lucia". */
  source: string;
  table: string;
  /** Columns the source cannot do without. */
  columns: string[];
  /** Columns read when the table has them (rows lack the others). */
  optional?: string[];
  orderBy?: string;
}

/** Whether `table` has `column`: a query that reads no row, and fails when the column is not there. */
export async function hasColumn(d: ForeignDatabase, table: string, column: string): Promise<boolean> {
  try {
    await d.query(`SELECT ${d.quote(column)} FROM ${d.quote(table)} WHERE 1 = 0`);
    return true;
  } catch {
    return false;
  }
}

export async function readTable(d: ForeignDatabase, read: TableRead): Promise<Row[]> {
  const present: string[] = [];
  for (const column of read.optional ?? []) if (await hasColumn(d, read.table, column)) present.push(column);
  const columns = [...new Set([...read.columns, ...present])];
  const order = read.orderBy ? ` ORDER BY ${d.quote(read.orderBy)}` : "";
  return guard(read, () => d.query(`SELECT ${columns.map(d.quote).join(", ")} FROM ${d.quote(read.table)}${order}`));
}

export async function countRows(d: ForeignDatabase, read: Pick<TableRead, "source" | "table">): Promise<number> {
  const rows = await guard({ ...read, columns: [] }, () => d.query(`SELECT COUNT(*) AS n FROM ${d.quote(read.table)}`));
  return Number(rows[0].n);
}

async function guard<T>(read: TableRead, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    const what = read.columns.length ? `columns ${read.columns.join(", ")} of table ${read.table}` : `table ${read.table}`;
    const cause = ((error as Error)?.message ?? String(error)).trim().split("\n")[0];
    throw new CliError(`${read.source}: cannot read ${what} (${cause}); see the table and column options in docs/migrating.md`, 2);
  }
}
