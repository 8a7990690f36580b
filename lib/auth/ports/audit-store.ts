/**
 * Storage of the audit log. Declared here, implemented on Prisma in lib/store/prisma-audit-store.ts and
 * in memory for unit tests; both pass lib/store/audit-store.contract.ts.
 */

/** One recorded security event, as stored in `audit_events`. */
export interface AuditEventRow {
  /** Unique; breaks ties between events of the same millisecond. */
  id: string;
  time: Date;
  /** The event name (lib/auth/engine-log.ts `AuthEvent`), e.g. "auth.signin_failed". */
  type: string;
  /** The user the event is about, when there is one. */
  userId: string | null;
  /** The client's address as the proxy reported it; null outside a request (CLI, server code). */
  ip: string | null;
  userAgent: string | null;
  /** The event's other fields (lib/auth/engine-log.ts `AuthEventFields`): never a credential. */
  detail: Record<string, unknown>;
}

/** The position of an event in the newest-first order. */
export interface AuditCursor {
  time: Date;
  id: string;
}

export interface AuditEventQuery {
  /** Only this user's events. */
  userId?: string;
  limit: number;
  /**
   * Keyset cursor: the last event of the previous page. Only events strictly older in the
   * (time, id) order are returned, so a page costs one index range read however deep it is and
   * events recorded meanwhile never shift the pages.
   */
  before?: AuditCursor;
}

export interface AuditStore {
  insertEvent(row: AuditEventRow): Promise<void>;
  /** Newest first: by time, then id, both descending. */
  listEvents(query: AuditEventQuery): Promise<AuditEventRow[]>;
  /** Deletes every event whose time is before `cutoff`; returns how many. */
  deleteEventsBefore(cutoff: Date): Promise<number>;
}
