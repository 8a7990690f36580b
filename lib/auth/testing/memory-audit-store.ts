import type { AuditEventRow, AuditStore } from "../ports/audit-store";

/** Newest first: time descending, then id descending (the Prisma store's order). */
function newerFirst(a: AuditEventRow, b: AuditEventRow): number {
  return b.time.getTime() - a.time.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** In-memory AuditStore with the contract's semantics (lib/store/audit-store.contract.ts). */
export function createMemoryAuditStore(): AuditStore {
  const events = new Map<string, AuditEventRow>();
  return {
    async insertEvent(row) {
      if (events.has(row.id)) throw new Error("duplicate audit event id");
      events.set(row.id, structuredClone(row));
    },
    async listEvents({ userId, limit, before }) {
      return [...events.values()]
        .filter((e) => userId === undefined || e.userId === userId)
        .filter((e) => !before || newerFirst(e, { ...e, time: before.time, id: before.id }) > 0)
        .sort(newerFirst)
        .slice(0, limit)
        .map((e) => structuredClone(e));
    },
    async deleteEventsBefore(cutoff) {
      let deleted = 0;
      for (const [id, e] of events) if (e.time.getTime() < cutoff.getTime() && events.delete(id)) deleted++;
      return deleted;
    },
  };
}
