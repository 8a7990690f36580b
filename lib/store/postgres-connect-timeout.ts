const DEFAULT_POSTGRES_CONNECT_TIMEOUT_SECONDS = 10;
/** Node fires a `setTimeout` longer than 2^31-1 ms at once, which would fail every connect. */
const MAX_CONNECT_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * How long a PostgreSQL query waits for a connection, from the URL's `connect_timeout` (seconds,
 * the name libpq and Prisma's own engine use). It bounds both opening a connection (a server
 * that accepts TCP and then says nothing, a firewall that swallows packets) and waiting for a
 * free one when all `DATABASE_POOL_SIZE` are busy; past it the query fails and the request
 * answers 503 `SERVICE_UNAVAILABLE`. pg's own default is to wait without end, so one hung server
 * held every request, and its socket, for as long as the client stayed. `0` restores that.
 * MySQL/MariaDB need nothing here: the connector bounds both by itself (`acquireTimeout`, 10 s,
 * and `connectTimeout`, settable in the URL; docs/mysql.md).
 *
 * @default 10 (seconds; the MariaDB connector's wait for a free connection)
 * @example postgresql://gatehouse@db:5432/gatehouse?connect_timeout=5
 */
export function postgresConnectTimeoutMs(url: string): number {
  const value = new URL(url).searchParams.get("connect_timeout");
  if (value === null || value.trim() === "") return DEFAULT_POSTGRES_CONNECT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_CONNECT_TIMEOUT_SECONDS) {
    throw new Error(`connect_timeout in DATABASE_URL must be 0 (none) to ${MAX_CONNECT_TIMEOUT_SECONDS} seconds; got "${value}".`);
  }
  return Math.round(seconds * 1000);
}
