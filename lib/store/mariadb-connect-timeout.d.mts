/**
 * The mariadb connector gives up opening a connection after 1 s by default. The app's pool
 * retries within `acquireTimeout`, but a connection opened on its own (`npm run db:migrate`, the
 * importer's source database, the test tools) has one try, and a busy host's handshake can take
 * longer. These wait 10 s unless the URL sets `connectTimeout` (ms; 0 for no bound), as
 * PostgreSQL's `connect_timeout` does (postgres-connect-timeout.d.mts).
 *
 * @default 10000 (ms)
 */
export declare const DEFAULT_MARIADB_CONNECT_TIMEOUT_MS: 10000;
/** The URL's `connectTimeout` in ms as the connector reads it, 10 s when unset; throws unless it is 0 to 2^31-1. */
export declare function mariadbConnectTimeoutMs(
  url: string,
  /** Where the URL came from (the importer's `--from`), for the error's message. */
  option?: string,
): number;
/** The URL with the `mariadb:` scheme and `connectTimeout` set (10 s unless the URL sets it). */
export declare function mariadbConnectionString(url: string): string;
