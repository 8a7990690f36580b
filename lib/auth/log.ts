/**
 * The engine's log boundary. `lib/auth` declares this small interface; `lib/log` implements it
 * with pino (whose loggers fit it as they are), and tests pass a silent or capturing one.
 *
 * Events are a closed union with a closed set of fields, so that engine code cannot log a
 * password, a token, a cookie or a secret by passing "the whole object": there is no field to
 * put it in. lib/log adds pino redaction on top as a second line of defence.
 *
 * The same call also records the event in the audit log (lib/auth/audit), when the context has
 * a recorder: one chokepoint, so no security event is logged but not recorded, or the reverse.
 */
import type { AuditRecorder } from "./audit/audit-recorder";

/** What an event line may carry besides its name. Nothing here is a credential. */
export interface AuthEventFields {
  userId?: string;
  sessionHandle?: string;
  /** The sign-in method ("emailpassword", "thirdparty"). */
  method?: string;
  role?: string;
  /** The id of an API key, never the key. */
  apiKeyId?: string;
  apiKeyName?: string;
  /** Why something was refused, as a status word ("WRONG_CREDENTIALS", "EXPIRED", …). */
  reason?: string;
  count?: number;
}

/** One line per auth event; names are stable so that alerts can match on them. */
export type AuthEvent =
  | "auth.signup"
  | "auth.signin"
  | "auth.signin_failed"
  | "session.refresh"
  | "session.theft_detected"
  | "session.signout"
  | "session.revoked"
  | "password.reset"
  | "password.set"
  | "password.changed"
  | "password.change_failed"
  | "email.verified"
  | "email.changed"
  | "role.created"
  | "role.permissions_added"
  | "role.deleted"
  | "role.permissions_removed"
  | "role.granted"
  | "role.removed"
  | "user.deleted"
  | "apikey.created"
  | "apikey.revoked"
  | "apikey.used"
  | "apikey.rejected"
  | "keys.rotated";

export type LogLevel = "debug" | "info" | "warn" | "error";

type LogMethod = (fields: object, message?: string) => void;

/** The subset of pino's Logger the engine uses. */
export interface EngineLog {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  /** A logger whose every line also carries `bindings` (lib/http binds the request id). */
  child(bindings: Record<string, string | number | boolean>): EngineLog;
}

const noop = () => {};

/** The default: tests and scripts stay quiet unless they pass a logger. */
export const silentLog: EngineLog = { debug: noop, info: noop, warn: noop, error: noop, child: () => silentLog };

/**
 * Emits one auth event on the context's logger and hands it to the audit recorder. Recording
 * never blocks nor throws here: the write runs in the background and the HTTP layer awaits it
 * before answering (lib/http/request-log.ts).
 */
export function logAuthEvent(
  ctx: { log: EngineLog; audit?: AuditRecorder },
  event: AuthEvent,
  fields: AuthEventFields = {},
  level: LogLevel = "info",
): void {
  ctx.log[level]({ event, ...fields }, event);
  ctx.audit?.record(event, fields, ctx.log);
}
