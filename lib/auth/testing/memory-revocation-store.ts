import type { RevocationRow, RevocationStore } from "../ports/revocation-store";

/**
 * In-memory RevocationStore for unit tests and the verify benchmark, with a switch to simulate
 * an unreachable database. The rows are also kept in `revokedAt` order, as the database's index
 * keeps them, so that a sync reads only the rows since the last one: with a full scan and sort
 * of every row per sync, the benchmark's 10,000 revocations charged the test double's work to
 * the verification it measures.
 */
export function createMemoryRevocationStore(): RevocationStore & { unreachable: boolean } {
  const rows = new Map<string, RevocationRow>();
  /** The same rows, oldest `revokedAt` first. */
  const byRevokedAt: RevocationRow[] = [];
  /** The first position whose row was revoked at or after `since`. */
  const firstAtOrAfter = (since: number) => {
    let low = 0;
    let high = byRevokedAt.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (byRevokedAt[mid]!.revokedAt.getTime() < since) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const store = {
    unreachable: false,
    async recordRevocations(added: RevocationRow[]) {
      if (store.unreachable) throw new Error("database unreachable");
      for (const row of added) {
        if (rows.has(row.sessionHandle)) continue;
        const copy = { ...row };
        rows.set(row.sessionHandle, copy);
        // After every row revoked at the same instant or earlier: the order of arrival among equals.
        byRevokedAt.splice(firstAtOrAfter(row.revokedAt.getTime() + 1), 0, copy);
      }
    },
    async listRevocations(since: Date | undefined, now: Date) {
      if (store.unreachable) throw new Error("database unreachable");
      return byRevokedAt
        .slice(since === undefined ? 0 : firstAtOrAfter(since.getTime()))
        .filter((r) => r.expiresAt.getTime() > now.getTime())
        .map((r) => ({ ...r }));
    },
    async hasRevocation(sessionHandle: string, now: Date) {
      if (store.unreachable) throw new Error("database unreachable");
      const row = rows.get(sessionHandle);
      return row !== undefined && row.expiresAt.getTime() > now.getTime();
    },
    async deleteExpiredRevocations(now: Date) {
      let removed = 0;
      for (const [handle, row] of rows) {
        if (row.expiresAt.getTime() > now.getTime() || !rows.delete(handle)) continue;
        byRevokedAt.splice(byRevokedAt.indexOf(row), 1);
        removed++;
      }
      return removed;
    },
  };
  return store;
}
