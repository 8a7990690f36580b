/**
 * The engine's logging chokepoint. The logger interface and the closed event vocabulary are in
 * engine-log.ts (re-exported here).
 *
 * The same call also records the event in the audit log (lib/auth/audit), when the context has
 * a recorder: one chokepoint, so no security event is logged but not recorded, or the reverse.
 */
import type { AuditRecorder } from "./audit/audit-recorder";
import type { AuthEvent, AuthEventFields, EngineLog, LogLevel } from "./engine-log";

export type { AuthEvent, AuthEventFields, EngineLog, LogLevel } from "./engine-log";

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

/**
 * The log line of an event whose audit row the caller has written itself, in the transaction of
 * what the event is about (`AuditRecorder.prepare`): logged, and not recorded a second time.
 */
export function logRecordedAuthEvent(ctx: { log: EngineLog }, event: AuthEvent, fields: AuthEventFields = {}, level: LogLevel = "info"): void {
  ctx.log[level]({ event, ...fields }, event);
}
