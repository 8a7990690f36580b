// How long one MySQL/MariaDB connection opened outside the app's pool (the migrator's, the
// importer's, the test tools') may take to open. Plain JavaScript so that the migrator and the
// TypeScript callers share one reading; the types and the documentation are in
// mariadb-connect-timeout.d.mts.

/** The connector's own default is 1 s, which a busy host's handshake can exceed. */
export const DEFAULT_MARIADB_CONNECT_TIMEOUT_MS = 10_000;
/** Node fires a `setTimeout` longer than 2^31-1 ms at once, which would fail every connect. */
const MAX_MARIADB_CONNECT_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The URL's `connectTimeout` as the connector reads it (a number of ms), or 10 s when the URL
 * sets none. Anything but 0 to 2^31-1 is refused: the connector reads a word (NaN) as no bound
 * at all, and a negative or too long wait as one that is over at once.
 * @param {string} url
 * @param {string} [option] where the URL came from (the importer's `--from`), for the error's message
 * @returns {number}
 */
export function mariadbConnectTimeoutMs(url, option) {
  const value = new URL(url).searchParams.get("connectTimeout");
  if (value === null || value.trim() === "") return DEFAULT_MARIADB_CONNECT_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_MARIADB_CONNECT_TIMEOUT_MS) {
    const rule = `must be 0 (none) to ${MAX_MARIADB_CONNECT_TIMEOUT_MS} ms; got "${value}".`;
    throw new Error(option ? `${option}: connectTimeout ${rule}` : `connectTimeout in the database URL ${rule}`);
  }
  return ms;
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
