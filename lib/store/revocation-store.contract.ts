/** The RevocationStore contract, on memory (unit) and on every database (db). */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { RevocationStore } from "../auth/ports/revocation-store";

const T0 = new Date("2031-07-01T00:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

export function runRevocationStoreContract(name: string, makeStore: () => RevocationStore | Promise<RevocationStore>): void {
  describe(`revocation store contract: ${name}`, () => {
    let store: RevocationStore;
    beforeAll(async () => {
      store = await makeStore();
    });

    it("records idempotently, lists unexpired rows since a time oldest first, deletes expired", async () => {
      const base = 1_000_000 * Math.random();
      const h = () => randomUUID();
      const [a, b, c] = [h(), h(), h()];
      await store.recordRevocations([{ sessionHandle: a, revokedAt: at(base + 1), expiresAt: at(base + 100) }]);
      await store.recordRevocations([
        { sessionHandle: b, revokedAt: at(base + 2), expiresAt: at(base + 10) },
        { sessionHandle: a, revokedAt: at(base + 3), expiresAt: at(base + 200) },
      ]);
      await Promise.all([0, 1, 2].map(() => store.recordRevocations([{ sessionHandle: c, revokedAt: at(base + 4), expiresAt: at(base + 100) }])));
      const mine = (rows: { sessionHandle: string }[]) =>
        rows.filter((r) => ([a, b, c] as string[]).includes(r.sessionHandle)).map((r) => r.sessionHandle);
      expect(mine(await store.listRevocations(at(base + 1), at(base + 5)))).toEqual([a, b, c]);
      expect(mine(await store.listRevocations(at(base + 2), at(base + 5)))).toEqual([b, c]);
      expect(mine(await store.listRevocations(undefined, at(base + 10)))).toEqual([a, c]);
      const first = (await store.listRevocations(at(base + 1), at(base + 5))).find((r) => r.sessionHandle === a)!;
      expect(first.revokedAt).toEqual(at(base + 1));
      expect(first.expiresAt).toEqual(at(base + 100));
      expect(await store.deleteExpiredRevocations(at(base + 10))).toBeGreaterThanOrEqual(1);
      expect(mine(await store.listRevocations(undefined, at(base + 5)))).toEqual([a, c]);
    });

    it("lists rows recorded out of order by when they were revoked", async () => {
      const base = 1_000_000 * Math.random();
      const handles: string[] = Array.from({ length: 5 }, () => randomUUID());
      // Recorded late, early, in the middle and at the same instant as another.
      for (const [i, offset] of [30, 10, 20, 40, 20].entries()) {
        await store.recordRevocations([{ sessionHandle: handles[i]!, revokedAt: at(base + offset), expiresAt: at(base + 100) }]);
      }
      const listed = (await store.listRevocations(at(base + 15), at(base + 50))).filter((r) => handles.includes(r.sessionHandle));
      expect(listed.map((r) => r.revokedAt.getTime())).toEqual([20, 20, 30, 40].map((s) => at(base + s).getTime()));
      expect(new Set(listed.map((r) => r.sessionHandle))).toEqual(new Set([handles[2], handles[4], handles[0], handles[3]]));
    });

    it("answers whether one handle has an unexpired revocation", async () => {
      const base = 1_000_000 * Math.random();
      const handle = randomUUID();
      await store.recordRevocations([{ sessionHandle: handle, revokedAt: at(base), expiresAt: at(base + 60) }]);
      expect(await store.hasRevocation(handle, at(base + 1))).toBe(true);
      expect(await store.hasRevocation(handle, at(base + 60))).toBe(false);
      expect(await store.hasRevocation(randomUUID(), at(base + 1))).toBe(false);
    });
  });
}
