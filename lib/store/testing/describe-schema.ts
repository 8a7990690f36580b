/**
 * A database's structure in a provider-neutral form, so that the hand-written MySQL migration
 * can be compared with the engine-written PostgreSQL one (there is no MySQL schema engine on
 * these machines to diff with). Test-only; reads the catalogs with the raw drivers.
 */
import mariadb from "mariadb";
import pg from "pg";
import { mariadbConnectionString } from "../mariadb-connect-timeout.mjs";

export interface SchemaDescription {
  /** Table names, sorted, without `_prisma_migrations`. */
  tables: string[];
  /** `table.column type NULL|NOT NULL [default]`, type being string/datetime(3)/boolean/int. */
  columns: string[];
  /** `table PRIMARY|UNIQUE name|INDEX name (columns)`. */
  indexes: string[];
  /** `table(columns) -> table(columns) name ON DELETE rule ON UPDATE rule`. */
  foreignKeys: string[];
  /** MySQL only: `table.column` -> COLUMN_TYPE, e.g. `varchar(191)`. */
  nativeTypes: Record<string, string>;
}

const BOOKKEEPING = "_prisma_migrations";

function logicalType(dataType: string, precision: number | null, columnType = ""): string {
  const t = dataType.toLowerCase();
  if (t === "text" || t === "varchar" || t === "character varying" || t === "mediumtext" || t === "longtext") return "string";
  if (t.startsWith("timestamp") || t === "datetime") return `datetime(${precision})`;
  if (t === "boolean" || (t === "tinyint" && columnType === "tinyint(1)")) return "boolean";
  if (t === "integer" || t === "int") return "int";
  return t;
}

function logicalDefault(value: string | null, type: string): string {
  if (value === null || value === "NULL") return "";
  if (type === "boolean") return ` default ${value === "0" || value === "false" ? "false" : "true"}`;
  return ` default ${value.replace(/::\w+$/, "").replace(/^'(.*)'$/, "$1")}`;
}

export async function describePostgres(url: string): Promise<SchemaDescription> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> $1`,
      [BOOKKEEPING],
    );
    const indexes = await client.query(
      `SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
              array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS cols
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relname <> $1`,
      [BOOKKEEPING],
    );
    const foreignKeys = await client.query(
      `SELECT c.conname AS name, t.relname AS table_name, r.relname AS ref_table, c.confdeltype AS del, c.confupdtype AS upd,
              array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ',') AS cols,
              array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ',') AS ref_cols
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    );
    const rule: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
    return finish({
      columns: columns.rows.map((c) => {
        const type = logicalType(c.data_type, c.datetime_precision);
        return `${c.table_name}.${c.column_name} ${type} ${c.is_nullable === "YES" ? "NULL" : "NOT NULL"}${logicalDefault(c.column_default, type)}`;
      }),
      indexes: indexes.rows.map((i) => indexLine(i.table_name, i.is_primary, i.is_unique, i.index_name, i.cols)),
      foreignKeys: foreignKeys.rows.map((f) => fkLine(f.table_name, f.cols, f.ref_table, f.ref_cols, f.name, rule[f.del]!, rule[f.upd]!)),
      nativeTypes: {},
    });
  } finally {
    await client.end();
  }
}

export async function describeMysql(url: string): Promise<SchemaDescription> {
  const conn = await mariadb.createConnection(mariadbConnectionString(url));
  try {
    const columns: Record<string, unknown>[] = await conn.query(
      `SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, DATETIME_PRECISION, IS_NULLABLE, COLUMN_DEFAULT
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> ?`,
      [BOOKKEEPING],
    );
    const indexes: Record<string, unknown>[] = await conn.query(
      `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS COLS
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> ?
        GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE`,
      [BOOKKEEPING],
    );
    const foreignKeys: Record<string, unknown>[] = await conn.query(
      `SELECT k.CONSTRAINT_NAME, k.TABLE_NAME, k.REFERENCED_TABLE_NAME, r.DELETE_RULE, r.UPDATE_RULE,
              GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION) AS COLS,
              GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION) AS REF_COLS
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r
           ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
        WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
        GROUP BY k.CONSTRAINT_NAME, k.TABLE_NAME, k.REFERENCED_TABLE_NAME, r.DELETE_RULE, r.UPDATE_RULE`,
    );
    const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return finish({
      columns: columns.map((c) => {
        const precision = c.DATETIME_PRECISION === null ? null : Number(c.DATETIME_PRECISION);
        const type = logicalType(String(c.DATA_TYPE), precision, String(c.COLUMN_TYPE));
        return `${c.TABLE_NAME}.${c.COLUMN_NAME} ${type} ${c.IS_NULLABLE === "YES" ? "NULL" : "NOT NULL"}${logicalDefault(str(c.COLUMN_DEFAULT), type)}`;
      }),
      indexes: indexes.map((i) =>
        indexLine(String(i.TABLE_NAME), i.INDEX_NAME === "PRIMARY", Number(i.NON_UNIQUE) === 0, String(i.INDEX_NAME), String(i.COLS)),
      ),
      foreignKeys: foreignKeys.map((f) =>
        fkLine(
          String(f.TABLE_NAME),
          String(f.COLS),
          String(f.REFERENCED_TABLE_NAME),
          String(f.REF_COLS),
          String(f.CONSTRAINT_NAME),
          String(f.DELETE_RULE),
          String(f.UPDATE_RULE),
        ),
      ),
      nativeTypes: Object.fromEntries(columns.map((c) => [`${c.TABLE_NAME}.${c.COLUMN_NAME}`, String(c.COLUMN_TYPE)])),
    });
  } finally {
    await conn.end();
  }
}

function indexLine(table: string, primary: boolean, unique: boolean, name: string, cols: string): string {
  // Primary keys are named by convention on PostgreSQL and always PRIMARY on MySQL.
  const kind = primary ? "PRIMARY" : unique ? `UNIQUE ${name}` : `INDEX ${name}`;
  return `${table} ${kind} (${cols})`;
}

function fkLine(table: string, cols: string, ref: string, refCols: string, name: string, del: string, upd: string): string {
  return `${table}(${cols}) -> ${ref}(${refCols}) ${name} ON DELETE ${del} ON UPDATE ${upd}`;
}

function finish(d: Omit<SchemaDescription, "tables">): SchemaDescription {
  const tables = [...new Set(d.columns.map((c) => c.slice(0, c.indexOf("."))))].sort();
  return { ...d, tables, columns: d.columns.sort(), indexes: d.indexes.sort(), foreignKeys: d.foreignKeys.sort() };
}
