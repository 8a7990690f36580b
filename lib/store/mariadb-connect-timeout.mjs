// How long one MySQL/MariaDB connection opened outside the app's pool (the migrator's, the
// importer's, the test tools') may take to open. Plain JavaScript so that the migrator and the
// TypeScript callers share one reading; the types and the documentation are in
// mariadb-connect-timeout.d.mts.

/** The connector's own default is 1 s, which a busy host's handshake can exceed. */
export const DEFAULT_MARIADB_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The URL's `connectTimeout` as the connector reads it (a number of ms), or 10 s when the URL
 * sets none.
 * @param {string} url
 * @returns {number}
 */
export function mariadbConnectTimeoutMs(url) {
  const value = new URL(url).searchParams.get("connectTimeout");
  return value === null || value.trim() === "" ? DEFAULT_MARIADB_CONNECT_TIMEOUT_MS : Number(value);
}

/**
 * The URL as the mariadb connector reads it (`mariadb:` scheme), with `connectTimeout` set to
 * 10 s unless the URL sets it.
 * @param {string} url a mysql:// or mariadb:// URL
 * @returns {string}
 */
export function mariadbConnectionString(url) {
  const u = new URL(url.replace(/^mysql:/i, "mariadb:"));
  u.searchParams.set("connectTimeout", String(mariadbConnectTimeoutMs(url)));
  return u.toString();
}
