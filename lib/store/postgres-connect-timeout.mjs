// How long a PostgreSQL connection may take to open, read from DATABASE_URL. Plain JavaScript so
// that the migrator (scripts/db/migrate-postgresql.mjs) and the TypeScript store share one
// reading; the types and the deployer-facing documentation are in postgres-connect-timeout.d.mts.

const DEFAULT_POSTGRES_CONNECT_TIMEOUT_SECONDS = 10;
/** Node fires a `setTimeout` longer than 2^31-1 ms at once, which would fail every connect. */
const MAX_CONNECT_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * The URL's `connect_timeout` (seconds) in milliseconds, 10 s when unset, 0 for no bound.
 * @param {string} url
 * @param {string} [option] where the URL came from when it is not DATABASE_URL (the importer's `--from`)
 * @returns {number}
 */
export function postgresConnectTimeoutMs(url, option) {
  const value = new URL(url).searchParams.get("connect_timeout");
  if (value === null || value.trim() === "") return DEFAULT_POSTGRES_CONNECT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_CONNECT_TIMEOUT_SECONDS) {
    const rule = `must be 0 (none) to ${MAX_CONNECT_TIMEOUT_SECONDS} seconds; got "${value}".`;
    throw new Error(option ? `${option}: connect_timeout ${rule}` : `connect_timeout in DATABASE_URL ${rule}`);
  }
  return Math.round(seconds * 1000);
}
