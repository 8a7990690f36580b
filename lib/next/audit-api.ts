import * as audit from "../auth/audit/audit-events";
import { gatehouse } from "../gatehouse";

/**
 * The audit log bound to this app's composition root, for server code (an admin page, a
 * server action, a script). Nothing here checks who is asking: call it only after your own
 * authorisation (e.g. `requireRoles(["admin"])`). Events come newest first, a page at a time.
 *
 * @example
 * import { getAuditEventsForUser } from "@/lib/next/audit-api";
 * const page = await getAuditEventsForUser(userId, { limit: 50 });
 * if (page.status === "OK") for (const e of page.events) console.log(e.time, e.type, e.ip);
 */
export const getAuditEventsForUser = (userId: string, input?: audit.GetAuditEventsInput) => audit.getAuditEventsForUser(gatehouse(), userId, input);
export const getAuditEvents = (input?: audit.GetAuditEventsInput) => audit.getAuditEvents(gatehouse(), input);
/** Deletes events older than `auditLog.retentionDays` (or than `olderThan`); requests do it hourly anyway. */
export const purgeAuditEvents = (options?: { olderThan?: Date }) => audit.purgeAuditEvents(gatehouse(), options);
