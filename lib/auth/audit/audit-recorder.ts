import { randomBytes } from "node:crypto";
import type { AuthEvent, AuthEventFields, EngineLog } from "../engine-log";
import type { AuditEventRow, AuditStore } from "../ports/audit-store";

/**
 * What an event carries besides its own fields: where it came from. The HTTP layer supplies it
 * per request (lib/http/request-log.ts); events outside a request (CLI, server code) have none.
 * Only these keys are taken from the log bindings, so nothing else reaches a stored row.
 */
export interface AuditContext {
  requestId?: string;
  /** The admin who acted (admin API): an API key's id, or an admin session's user id. */
  actorApiKeyId?: string;
  actorUserId?: string;
  /**
   * Who acted outside a request: "cli" (a `gatehouse` command), "server" (the app's own server
   * code through lib/next/session-api.ts). Neither has a client, so without it their rows looked
   * alike, and alike to the engine's own work.
   */
  actor?: "cli" | "server";
  ip?: string | null;
  userAgent?: string | null;
}

const CONTEXT_DETAIL_KEYS = ["requestId", "actorApiKeyId", "actorUserId", "actor"] as const;

/**
 * Records events in the audit store without making the engine wait: `record` is synchronous
 * and starts the write; whoever must not lose it (the HTTP layer before answering, the CLI
 * before exiting) awaits `settled()`.
 */
export interface AuditRecorder {
  record(event: AuthEvent, fields: AuthEventFields, log: EngineLog): void;
  /**
   * The row `record` would write, for a caller that writes it itself in the same transaction as
   * what the event is about (a sign-in's session, lib/auth/session/session.ts); null when the
   * event is not recorded (audit log off, a routine event). Nothing is written or tracked.
   */
  prepare(event: AuthEvent, fields: AuthEventFields): AuditEventRow | null;
  /**
   * The same recorder with `context` added to every event. With `scope`, its writes are also
   * tracked apart, so that `settled()` waits for this request's writes and not for others'.
   */
  child(context: AuditContext | Record<string, unknown>, options?: { scope?: boolean }): AuditRecorder;
  /** Resolves when every write started so far in this scope has finished (or failed and been logged). */
  settled(): Promise<void>;
  /**
   * Claims the periodic purge for this instance: true at most once per `intervalMs` (the
   * first call is always due), so that requests can trigger it without a timer.
   */
  claimPurge(now: Date, intervalMs: number): boolean;
}

/**
 * Routine events that are not security events: a refresh happens every access-token lifetime
 * for every active user and would drown the log. A refresh that detects theft is recorded.
 */
const NOT_RECORDED: ReadonlySet<AuthEvent> = new Set<AuthEvent>(["session.refresh"]);

/** Column limits (ip is VARCHAR(64) on MySQL); client-supplied header values are clipped to fit. */
const MAX_IP = 64;
const MAX_USER_AGENT = 512;

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

let sequence = 0;

/**
 * Time-prefixed ids with a per-process sequence: events of the same millisecond keep the order
 * in which this instance recorded them, and the random tail keeps instances apart.
 */
export function newAuditEventId(time: Date): string {
  sequence = (sequence + 1) % 0x1_0000_0000;
  return `${time.getTime().toString(16).padStart(12, "0")}${sequence.toString(16).padStart(8, "0")}${randomBytes(6).toString("hex")}`;
}

/** The one log line of an audit row that could not be written. */
export function logLostAuditRow(log: EngineLog, event: string, error: unknown): void {
  log.error({ event: "audit.write_failed", auditEvent: event, error: String((error as Error)?.message ?? error) }, "audit.write_failed");
}

const NOTHING_PENDING: Promise<void> = Promise.resolve();

class PendingWrites {
  private readonly pending = new Set<Promise<void>>();
  constructor(private readonly parent?: PendingWrites) {}

  track(write: Promise<void>): void {
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
    this.parent?.track(write);
  }

  settled(): Promise<void> {
    // Most requests record nothing: no array, no Promise.all for them.
    return this.pending.size === 0 ? NOTHING_PENDING : Promise.all([...this.pending]).then(() => {});
  }
}

function pickContext(input: AuditContext | Record<string, unknown>): AuditContext {
  const picked: AuditContext = {};
  for (const key of [...CONTEXT_DETAIL_KEYS, "ip", "userAgent"] as const) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === "string" || value === null) (picked as Record<string, unknown>)[key] = value;
  }
  return picked;
}

export function createAuditRecorder(input: { store: AuditStore; now: () => Date; enabled: boolean }): AuditRecorder {
  const purge = { lastAt: null as number | null };
  const rowOf = (context: AuditContext, event: AuthEvent, fields: AuthEventFields): AuditEventRow => {
    const time = input.now();
    const { userId, ...rest } = fields;
    const detail: Record<string, unknown> = { ...rest };
    for (const key of CONTEXT_DETAIL_KEYS) if (context[key]) detail[key] = context[key];
    return {
      id: newAuditEventId(time),
      time,
      type: event,
      userId: userId ?? null,
      ip: clip(context.ip, MAX_IP),
      userAgent: clip(context.userAgent, MAX_USER_AGENT),
      detail,
    };
  };
  const make = (context: AuditContext, pending: PendingWrites): AuditRecorder => ({
    record(event, fields, log) {
      if (!input.enabled || NOT_RECORDED.has(event)) return;
      let write: Promise<void>;
      try {
        write = input.store.insertEvent(rowOf(context, event, fields));
      } catch (error) {
        write = Promise.reject(error);
      }
      // A lost audit row is logged, never the user's failure: the sign-in itself succeeded.
      pending.track(write.catch((error: unknown) => logLostAuditRow(log, event, error)));
    },
    prepare(event, fields) {
      return input.enabled && !NOT_RECORDED.has(event) ? rowOf(context, event, fields) : null;
    },
    child(more, options) {
      return make({ ...context, ...pickContext(more) }, options?.scope ? new PendingWrites(pending) : pending);
    },
    settled: () => pending.settled(),
    claimPurge(now, intervalMs) {
      // Due again after a step back of the clock past the last purge too (an NTP correction), as
      // expired-rows.ts is: otherwise none ran until the clock caught up, for as long as the step.
      if (purge.lastAt !== null && Math.abs(now.getTime() - purge.lastAt) < intervalMs) return false;
      purge.lastAt = now.getTime();
      return true;
    },
  });
  return make({}, new PendingWrites());
}
