/** Audit-log options of the deployer's config (re-exported by config.ts). */

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
   * `undefined` means the default; `0` keeps events forever (nothing is purged).
   * @default 90
   */
  retentionDays?: number;
}

export type ResolvedAuditLogOptions = Required<AuditLogOptions>;

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/** Fills the defaults; a negative, fractional or non-numeric retention is a config error. */
export function resolveAuditLogOptions(options: AuditLogOptions | undefined, invalid: (message: string) => Error): ResolvedAuditLogOptions {
  const retentionDays = options?.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 0) {
    throw invalid(`auditLog.retentionDays must be a whole number of days ≥ 0 (0 keeps events forever), got ${retentionDays}`);
  }
  return { enabled: options?.enabled ?? true, retentionDays };
}
