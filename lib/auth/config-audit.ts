/** Audit-log options of the deployer's config (re-exported by config.ts). */
import { MAX_LIFETIME_SECONDS } from "./storable-time";

/**
 * The audit log: security events (sign-ins and failures, theft, password and email changes,
 * role changes, revocations, API-key use, …) stored in the `audit_events` table with the time,
 * the user, the client's IP and user agent. Read it per user or through the admin API
 * (docs/security.md, "Audit log").
 *
 * @example auditLog: { retentionDays: 365 }
 */
export interface AuditLogOptions {
  /**
   * Record events in the database. Off, nothing is written (the pino log lines stay), and
   * events already stored are still purged after `retentionDays`.
   * @default true
   */
  enabled?: boolean;
  /**
   * Days an event is kept. Older events are deleted by the first API request after each hour
   * (per server instance, no timer), or by `npm run gatehouse -- audit purge`.
   * `undefined` means the default; `0` keeps events forever (nothing is purged); at most
   * 36500 (100 years).
   * @default 90
   */
  retentionDays?: number;
}

export type ResolvedAuditLogOptions = Required<AuditLogOptions>;

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/**
 * The longest retention: the longest lifetime any option takes (100 years). The purge's cutoff,
 * now minus the retention, is compared by the database; a longer one put it before the year 1000
 * (storable-time.ts) or past a Date's range, an invalid cutoff that failed every hourly purge.
 */
export const MAX_AUDIT_RETENTION_DAYS = MAX_LIFETIME_SECONDS / 86_400;

/** Fills the defaults; a negative, fractional, non-numeric or too long retention is a config error. */
export function resolveAuditLogOptions(options: AuditLogOptions | undefined, invalid: (message: string) => Error): ResolvedAuditLogOptions {
  const retentionDays = options?.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 0 || retentionDays > MAX_AUDIT_RETENTION_DAYS) {
    throw invalid(
      `auditLog.retentionDays must be a whole number of days from 0 to ${MAX_AUDIT_RETENTION_DAYS} (0 keeps events forever), got ${retentionDays}`,
    );
  }
  return { enabled: options?.enabled ?? true, retentionDays };
}
