// Database servers that tests and migration authoring may create and drop scratch databases on.
// Never the application's DATABASE_URL: these are developer machines' admin connections.
import { mariadbConnectTimeoutMs } from "../../lib/store/mariadb-connect-timeout.mjs";

/**
 * Admin URL of the PostgreSQL server for scratch databases.
 * Override with GATEHOUSE_DEV_POSTGRES_URL.
 */
export function devPostgresUrl() {
  return process.env.GATEHOUSE_DEV_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

/**
 * Admin URL of the MySQL/MariaDB server for scratch databases.
 * Override with GATEHOUSE_DEV_MYSQL_URL.
 */
export function devMysqlUrl() {
  return process.env.GATEHOUSE_DEV_MYSQL_URL || "mysql://root@127.0.0.1:3306/";
}

/**
 * Splits a postgres URL into pg's config fields. pg lets `connectionString` override every
 * other field, so code that swaps the database (shadow databases) needs the fields.
 * @param {string} url
 */
export function pgConfigOf(url) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
  };
}

/**
 * The same server URL with another database name.
 * @param {string} url
 * @param {string} database
 */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Splits a mysql/mariadb URL into the mariadb driver's config fields. The driver's own
 * connection-string parser rejects URLs without a database, which admin URLs lack. The
 * connection gets 10 s to open, not the driver's 1 s, which a loaded test run's exceeded.
 * @param {string} url
 */
export function mysqlConfigOf(url) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    connectTimeout: mariadbConnectTimeoutMs(url),
  };
}
