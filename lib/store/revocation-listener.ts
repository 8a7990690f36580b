/**
 * PostgreSQL LISTEN for revocations: one dedicated connection per instance (outside Prisma's
 * pool, which hands connections to whoever asks and so cannot hold a LISTEN), fed by the
 * NOTIFY that lib/store/prisma-revocation-store.ts sends after each insert. It only speeds delivery
 * up: the revocation set's sync remains the mechanism that cannot miss anything, so a dropped
 * connection is logged and retried with back-off, never thrown.
 */
import type { Client } from "pg";
import type { RevocationFeedHandlers, RevocationSubscription } from "../auth/ports/revocation-store";
import { postgresConnectTimeoutMs } from "./postgres-connect-timeout.mjs";
import { postgresQueryTimeout } from "./postgres-query-timeout";
import { decodeRevocationPayload, REVOCATION_CHANNEL } from "./revocation-listener-payload";

/** Shown in `pg_stat_activity.application_name`, so the listener's connection can be told apart. */
export const REVOCATION_LISTENER_APPLICATION_NAME = "gatehouse-revocation-listener";

export interface RevocationListenerOptions {
  /** First retry after a failure, in ms; doubled on each failure in a row. @default 1000 */
  minRetryMs?: number;
  /** Longest wait between retries, in ms. @default 30000 */
  maxRetryMs?: number;
}

/**
 * Whether each instance keeps one PostgreSQL connection LISTENing for revocations, from
 * `GATEHOUSE_REVOCATION_LISTENER` (`on` or `off`).
 *
 * @default `on` on PostgreSQL, except where `VERCEL`, `AWS_LAMBDA_FUNCTION_NAME` or `NETLIFY` is
 *   set: a serverless instance may live for one request and is frozen between requests, so a held
 *   connection would only count against the server's connection limit; there the request-driven
 *   sync alone keeps the set current. Always off on SQLite and MySQL/MariaDB (no LISTEN/NOTIFY).
 * @example GATEHOUSE_REVOCATION_LISTENER=off
 */
export function revocationListenerFromEnv(provider: string, env: Record<string, string | undefined> = process.env): boolean {
  const value = env.GATEHOUSE_REVOCATION_LISTENER?.trim().toLowerCase();
  if (value !== undefined && value !== "" && value !== "on" && value !== "off") {
    throw new Error(`GATEHOUSE_REVOCATION_LISTENER must be "on" or "off"; got "${env.GATEHOUSE_REVOCATION_LISTENER}".`);
  }
  if (provider !== "postgresql" || value === "off") return false;
  if (value === "on") return true;
  return !(env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME || env.NETLIFY);
}

/**
 * Starts listening on `url` and keeps at it until closed: each failure (refused connection,
 * server restart, the backend terminated) is reported through `onError` and retried after a
 * growing, jittered delay. Resolves at once; the connection is made in the background.
 */
export async function listenForRevocations(
  url: string,
  handlers: RevocationFeedHandlers,
  options: RevocationListenerOptions = {},
): Promise<RevocationSubscription> {
  const minRetryMs = options.minRetryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  let client: Client | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failuresInARow = 0;
  let closed = false;

  const retryDelay = () => {
    const ceiling = Math.min(maxRetryMs, minRetryMs * 2 ** Math.min(failuresInARow, 20));
    // Jitter, so that instances cut off by one server restart do not all come back at once.
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  };

  const lost = (lostClient: Client, error: unknown) => {
    if (client !== lostClient) return; // already handled ('error' is often followed by 'end')
    client = null;
    lostClient.end().catch(() => {});
    if (closed) return;
    const delay = retryDelay();
    failuresInARow++;
    handlers.onError(error, delay);
    retryTimer = setTimeout(() => void connect(), delay);
    // Waiting to reconnect must not keep a process alive that has nothing else to do.
    retryTimer.unref?.();
  };

  const connect = async () => {
    if (closed) return;
    let attempt: Client;
    try {
      const { default: pg } = await import("pg");
      // Bounded like the pool's connections: a server that accepts and never answers would
      // otherwise hold this connect, and close() behind it, forever, with no retry. The URL's
      // query_timeout is read as the pool reads it (pg would take `0` as a 1 ms bound).
      const connectionTimeoutMillis = postgresConnectTimeoutMs(url);
      const { url: connectionString, queryTimeoutMs } = postgresQueryTimeout(url);
      attempt = new pg.Client({
        connectionString,
        application_name: REVOCATION_LISTENER_APPLICATION_NAME,
        keepAlive: true,
        connectionTimeoutMillis,
        query_timeout: queryTimeoutMs,
      });
    } catch (error) {
      // The driver itself would not load: nothing to retry.
      handlers.onError(error, Number.POSITIVE_INFINITY);
      return;
    }
    client = attempt;
    // Without an 'error' listener, a dropped connection would be an uncaught exception.
    attempt.on("error", (error) => lost(attempt, error));
    attempt.on("end", () => lost(attempt, new Error("the listener's connection ended")));
    attempt.on("notification", (message) => {
      if (message.channel !== REVOCATION_CHANNEL || !message.payload) return;
      const rows = decodeRevocationPayload(message.payload);
      if (rows.length > 0) handlers.onRevoked(rows);
    });
    try {
      await attempt.connect();
      await attempt.query(`LISTEN ${REVOCATION_CHANNEL}`);
    } catch (error) {
      lost(attempt, error);
      return;
    }
    if (closed || client !== attempt) {
      await attempt.end().catch(() => {});
      return;
    }
    failuresInARow = 0;
    handlers.onConnected();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const open = client;
      client = null;
      await open?.end().catch(() => {});
    },
  };
}
