/**
 * Structured logs with pino: one JSON line per auth event on stdout, for any log shipper.
 * In development the lines are pretty-printed by pino-pretty, a dev dependency that production
 * never loads (it is only named as a transport target, and only when NODE_ENV=development).
 *
 * @example
 * import { createLogger } from "@/lib/log";
 * const log = createLogger(); // LOG_LEVEL, default "info"
 */
import pino, { type DestinationStream, type Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LoggerLevel = (typeof LOG_LEVELS)[number];

/**
 * Defence in depth: engine events have no field for a credential (lib/auth/engine-log.ts), but a
 * deployer logging through the same logger might pass a request or a body. These keys are
 * censored wherever they appear down to REDACT_DEPTH levels: pino's own request shape puts the
 * cookies at `req.headers.cookie`, an FDI body logged as `{ body }` its OAuth tokens at
 * `body.oAuthTokens.id_token`. Containers are censored whole where their members are credentials
 * under ordinary names (`formFields[].value`, `redirectURIQueryParams.code`). Not `code`: the
 * engine's own lines use it for an error code.
 */
export const REDACTED_KEYS = [
  "password",
  "newPassword",
  "token",
  "accessToken",
  "refreshToken",
  "antiCsrfToken",
  "apiKey",
  "key",
  "secret",
  "cookie",
  "authorization",
  "set-cookie",
  "oldPassword",
  "clientSecret",
  "Cookie",
  "Authorization",
  "Set-Cookie",
  "st-access-token",
  "st-refresh-token",
  "anti-csrf",
  "formFields",
  "userInputCode",
  "linkCode",
  "totp",
  "recoveryCode",
  "recoveryCodes",
  "oAuthTokens",
  "access_token",
  "id_token",
  "refresh_token",
  "redirectURIQueryParams",
  "pkceCodeVerifier",
];
/** Levels below the top at which REDACTED_KEYS are censored (`req.headers.cookie` is at 2). */
const REDACT_DEPTH = 4;
const CENSOR = "[redacted]";
const CENSORED = new Set(REDACTED_KEYS);
/**
 * pino's redaction, for a child logger's bindings, which formatters.log never sees: the first
 * keys, top level and one level down, as before. Not every key at every depth: wildcard paths
 * cost on every line, and 32 keys at two depths made each line several times slower.
 */
const REDACT_PATHS = REDACTED_KEYS.slice(0, 12).flatMap((key) => [`["${key}"]`, `*["${key}"]`]);

/**
 * A log object with REDACTED_KEYS censored down to REDACT_DEPTH, copied only where something
 * was censored: next to no cost on the engine's flat events, where pino's wildcard paths at every
 * depth cost on each line. Only plain objects and arrays are entered: an `err` is pino's to serialise.
 */
function censorDeep<T>(value: T, depth = 0): T {
  if (depth > REDACT_DEPTH || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const next = censorDeep(item, depth + 1);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return (copy ?? value) as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const object = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const item = object[key];
    const next = CENSORED.has(key) ? CENSOR : typeof item === "object" ? censorDeep(item, depth + 1) : item;
    // Defined, not assigned: a key "__proto__" (JSON.parse makes it an own key) would set the prototype.
    if (next !== item) Object.defineProperty((copy ??= { ...object }), key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return (copy ?? object) as T;
}

export interface LoggerOptions {
  /**
   * Lowest level written: fatal, error, warn, info, debug, trace or silent.
   * @default env LOG_LEVEL, else "info"
   */
  level?: string;
  /**
   * Human-readable coloured lines through pino-pretty instead of JSON.
   * @default true when NODE_ENV is "development" (falls back to JSON if pino-pretty is missing)
   */
  pretty?: boolean;
  /** Where JSON lines go (tests capture them; the CLI uses stderr). @default stdout */
  destination?: DestinationStream;
}

/** LOG_LEVEL as pino knows it; an unknown value falls back to "info" rather than stop the app. */
export function resolveLogLevel(raw: string | undefined): { level: LoggerLevel; invalid?: string } {
  const value = raw?.trim().toLowerCase();
  if (!value) return { level: "info" };
  return (LOG_LEVELS as readonly string[]).includes(value) ? { level: value as LoggerLevel } : { level: "info", invalid: raw };
}

export function createLogger(options: LoggerOptions = {}, env: Record<string, string | undefined> = process.env): Logger {
  const { level, invalid } = resolveLogLevel(options.level ?? env.LOG_LEVEL);
  const base = {
    level,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (object: Record<string, unknown>) => censorDeep(object) },
  };
  const pretty = options.pretty ?? (env.NODE_ENV === "development" && !options.destination);
  let logger: Logger | undefined;
  if (pretty) {
    try {
      logger = pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname" } } });
    } catch {
      // pino-pretty is a dev dependency: without it, plain JSON is just as correct.
    }
  }
  // Level names ("info") rather than numbers (30) read better in any log viewer.
  logger ??= pino({ ...base, formatters: { ...base.formatters, level: (label) => ({ level: label }) } }, options.destination ?? pino.destination(1));
  if (invalid !== undefined) logger.warn({ event: "log.invalid_level" }, `LOG_LEVEL "${invalid}" is not a level; using "info"`);
  return logger;
}
