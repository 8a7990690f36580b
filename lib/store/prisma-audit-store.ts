/** AuditStore on Prisma: the `audit_events` table (model AuditEvent). */
import type { AuditEventRow, AuditStore } from "../auth/ports/audit-store";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import type { PrismaClientSource } from "./prisma-client";
import { insertStatement } from "./sql-statements";

/** An event as `audit_events` stores it (the detail as a JSON column). */
export const AUDIT_EVENT_COLUMNS = ["id", "time", "type", "user_id", "ip", "user_agent", "detail"] as const;

export function auditEventValues(row: AuditEventRow): unknown[] {
  return [row.id, row.time, row.type, row.userId, row.ip, row.userAgent, toJsonColumn(row.detail)];
}

/** The latest instant every database's date type holds (MySQL DATETIME ends in 9999). */
const LATEST = new Date("9999-12-31T23:59:59.999Z");

export function createPrismaAuditStore(client: PrismaClientSource): AuditStore {
  return {
    async insertEvent(row) {
      const prisma = await client();
      // One plain INSERT on every database (create reads the row back, a second statement on
      // MariaDB), without Prisma's query planning: audit rows are written on hot paths.
      await insertStatement(prisma, "audit_events", AUDIT_EVENT_COLUMNS, [auditEventValues(row)]);
    },

    async listEvents({ userId, limit, before }) {
      const prisma = await client();
      // Keyset condition `time <= t AND (time < t OR id < i)`: the first conjunct is a range on
      // the (time) or (user_id, time) index where the scan starts; the first page gets an
      // always-true range too, so that every planner walks the index rather than sorting the table.
      const keyset = before
        ? { time: { lte: before.time }, OR: [{ time: { lt: before.time } }, { id: { lt: before.id } }] }
        : { time: { lte: LATEST } };
      const rows = await prisma.auditEvent.findMany({
        where: { ...(userId !== undefined && { userId }), ...keyset },
        orderBy: [{ time: "desc" }, { id: "desc" }],
        take: limit,
      });
      return rows.map((r): AuditEventRow => ({ ...r, detail: fromJsonColumn(r.detail, "audit_events.detail") }));
    },

    async deleteEventsBefore(cutoff) {
      const prisma = await client();
      const { count } = await prisma.auditEvent.deleteMany({ where: { time: { lt: cutoff } } });
      return count;
    },
  };
}
