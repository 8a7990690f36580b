/**
 * Every MySQL/MariaDB connection Gatehouse opens runs in strict mode. Without it (the `sql_mode`
 * of many managed servers, and of any server set up so), a value too long for its column is cut
 * short and a bad date becomes a zero date, each with only a warning: the write "succeeds" with
 * other data than was given (an email, a name, a payload no longer valid JSON). Strict, the
 * statement fails, and the store reports it, as on SQLite and PostgreSQL.
 *
 * The mode is added to the session's own (the server's, or the URL's `sessionVariables`), so no
 * other setting changes. A URL that brings its own `initSql` keeps it, and with it the
 * responsibility for the mode (docs/mysql.md).
 */
/**
 * Written without a space: Prisma's adapter re-serialises the URL's parameters, writing a space
 * as `+`, which the connector (decodeURIComponent) then reads as a plus.
 */
export const STRICT_MODE_SQL = "SET@@SESSION.sql_mode=IF(@@SESSION.sql_mode='','STRICT_ALL_TABLES',CONCAT(@@SESSION.sql_mode,',STRICT_ALL_TABLES'))";

/** The URL with mariadb's `initSql` set to STRICT_MODE_SQL, unless it sets an `initSql` itself. */
export function withStrictSqlMode(url: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has("initSql")) return url;
  // Appended, not set through URLSearchParams: that would re-serialise the other parameters too.
  return `${url}${parsed.search ? "&" : "?"}initSql=${encodeURIComponent(STRICT_MODE_SQL)}`;
}
