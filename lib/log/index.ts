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
 * censored wherever they appear at the top level or one level down.
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
];
const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`]);

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
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
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
  logger ??= pino({ ...base, formatters: { level: (label) => ({ level: label }) } }, options.destination ?? pino.destination(1));
  if (invalid !== undefined) logger.warn({ event: "log.invalid_level" }, `LOG_LEVEL "${invalid}" is not a level; using "info"`);
  return logger;
}
