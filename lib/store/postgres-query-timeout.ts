const DEFAULT_POSTGRES_QUERY_TIMEOUT_MS = 30_000;
/** Node fires a `setTimeout` longer than 2^31-1 ms at once, which would fail every query. */
const MAX_QUERY_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * How long a PostgreSQL query waits for its answer once it has a connection, from the URL's
 * `query_timeout` (milliseconds, pg's own name). A server that stops answering in the middle of a
 * session (a hung disk, a paused VM, a path that drops packets) leaves the connection open, so
 * `connect_timeout` never applies and pg waited for the answer without end: the request, and its
 * pooled connection, for as long as the server stayed silent. Past the bound the query fails and
 * the request answers 503 `SERVICE_UNAVAILABLE`. It is a client-side
 * bound: the server may still finish the statement (set `statement_timeout` in `options` to
 * cancel slow statements there). `0` turns it off (pg read a `0` in the URL as a string, which is
 * truthy, and failed every query at once); long maintenance jobs on a large database may want that.
 *
 * Returned with the URL minus the parameter, so that pg never reads it as a string.
 *
 * @default 30000 (30 s; a query Gatehouse makes on a request takes milliseconds on a server that is well)
 * @example postgresql://gatehouse@db:5432/gatehouse?query_timeout=10000
 */
export function postgresQueryTimeout(url: string): { url: string; queryTimeoutMs: number | undefined } {
  const parsed = new URL(url);
  const value = parsed.searchParams.get("query_timeout");
  if (value === null) return { url, queryTimeoutMs: DEFAULT_POSTGRES_QUERY_TIMEOUT_MS };
  parsed.searchParams.delete("query_timeout");
  const rest = parsed.toString();
  if (value.trim() === "") return { url: rest, queryTimeoutMs: DEFAULT_POSTGRES_QUERY_TIMEOUT_MS };
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_QUERY_TIMEOUT_MS) {
    throw new Error(`query_timeout in DATABASE_URL must be a whole number of ms from 0 (none) to ${MAX_QUERY_TIMEOUT_MS}; got "${value}".`);
  }
  return { url: rest, queryTimeoutMs: ms === 0 ? undefined : ms };
}
