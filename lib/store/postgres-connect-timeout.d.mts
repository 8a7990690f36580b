/**
 * How long a PostgreSQL query (and the migrator) waits for a connection, from the URL's `connect_timeout` (seconds,
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
export declare function postgresConnectTimeoutMs(
  url: string,
  /** Where the URL came from when it is not DATABASE_URL (the importer's `--from`), for the error's message. */
  option?: string,
): number;
