import type { RevocationRow, RevocationStore } from "../ports/revocation-store";

/** In-memory RevocationStore for unit tests, with a switch to simulate an unreachable database. */
export function createMemoryRevocationStore(): RevocationStore & { unreachable: boolean } {
  const rows = new Map<string, RevocationRow>();
  const store = {
    unreachable: false,
    async recordRevocations(added: RevocationRow[]) {
      if (store.unreachable) throw new Error("database unreachable");
      for (const row of added) if (!rows.has(row.sessionHandle)) rows.set(row.sessionHandle, { ...row });
    },
    async listRevocations(since: Date | undefined, now: Date) {
      if (store.unreachable) throw new Error("database unreachable");
      return [...rows.values()]
        .filter((r) => r.expiresAt.getTime() > now.getTime() && (since === undefined || r.revokedAt.getTime() >= since.getTime()))
        .sort((a, b) => a.revokedAt.getTime() - b.revokedAt.getTime())
        .map((r) => ({ ...r }));
    },
    async hasRevocation(sessionHandle: string, now: Date) {
      if (store.unreachable) throw new Error("database unreachable");
      const row = rows.get(sessionHandle);
      return row !== undefined && row.expiresAt.getTime() > now.getTime();
    },
    async deleteExpiredRevocations(now: Date) {
      let removed = 0;
      for (const [handle, row] of rows) if (row.expiresAt.getTime() <= now.getTime() && rows.delete(handle)) removed++;
      return removed;
    },
  };
  return store;
}
