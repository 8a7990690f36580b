/**
 * The store contract for access-token signing keys. Runs inside runStoreContract
 * (stores.contract.ts), so on memory, SQLite, PostgreSQL and MariaDB alike. Keys are global, so
 * each test owns a timeline of its own far in the future.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SigningKeyRow, Stores } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const HOUR = 3_600_000;

export function describeSigningKeyContract(getStores: () => Stores): void {
  describe("signing keys", () => {
    function key(createdOffset: number, verifyUntil: Date, algorithm: SigningKeyRow["algorithm"] = "RS256"): SigningKeyRow {
      const kid = randomUUID();
      return {
        kid,
        algorithm,
        publicJwk: { kty: algorithm === "RS256" ? "RSA" : "OKP", kid, alg: algorithm, use: "sig", n: "AQAB…", e: "AQAB" },
        sealedPrivateKey: `sealed:${"k".repeat(3000)}:${kid}`,
        createdAt: at(createdOffset),
        signUntil: at(createdOffset + 7 * 24 * HOUR),
        verifyUntil,
        mac: createdOffset % 2 === 0 ? null : "0123456789abcdef".repeat(4),
      };
    }

    it("lists verifying keys newest first, deletes expired ones, and round-trips them", async () => {
      // Keys are global, so this one test owns the whole table's timeline: far in the future.
      const now = at(10_000 * 24 * HOUR);
      const later = (ms: number) => new Date(now.getTime() + ms);
      const oldest = key(1, later(HOUR));
      const expiredExactlyNow = key(2, now);
      const newest = key(3, later(2 * HOUR), "EdDSA");
      const expiredBefore = key(4, later(-1));
      for (const row of [oldest, expiredExactlyNow, newest, expiredBefore]) await getStores().signingKeys.insertKey(row);

      const listed = await getStores().signingKeys.listVerifyingKeys(now);
      expect(listed).toEqual([newest, oldest]);

      expect(await getStores().signingKeys.deleteExpiredKeys(now)).toBe(2);
      expect(await getStores().signingKeys.deleteExpiredKeys(now)).toBe(0);
      expect(await getStores().signingKeys.listVerifyingKeys(now)).toEqual([newest, oldest]);
      expect(await getStores().signingKeys.listVerifyingKeys(later(HOUR))).toEqual([newest]);
      expect(await getStores().signingKeys.deleteExpiredKeys(later(3 * HOUR))).toBe(2);
      expect(await getStores().signingKeys.listVerifyingKeys(now)).toEqual([]);
    });

    it("inserts a kid once: a concurrent second insert reports false and changes nothing", async () => {
      const now = at(20_000 * 24 * HOUR);
      const first = key(20_000 * 24 * HOUR, new Date(now.getTime() + HOUR));
      const rival = { ...first, sealedPrivateKey: "rival", createdAt: new Date(first.createdAt.getTime() + 1) };
      const results = await Promise.all([getStores().signingKeys.insertKey(first), getStores().signingKeys.insertKey(rival)]);
      expect([...results].sort()).toEqual([false, true]);
      const listed = (await getStores().signingKeys.listVerifyingKeys(now)).filter((k) => k.kid === first.kid);
      expect(listed).toHaveLength(1);
      expect([first.sealedPrivateKey, "rival"]).toContain(listed[0].sealedPrivateKey);
    });

    it("shortens a key's windows", async () => {
      const now = at(30_000 * 24 * HOUR);
      const row = key(30_000 * 24 * HOUR, new Date(now.getTime() + 2 * HOUR));
      await getStores().signingKeys.insertKey(row);
      expect(await getStores().signingKeys.updateKeyWindows(row.kid, { signUntil: now })).toBe(true);
      const [updated] = (await getStores().signingKeys.listVerifyingKeys(now)).filter((k) => k.kid === row.kid);
      expect(updated.signUntil).toEqual(now);
      expect(updated.verifyUntil).toEqual(row.verifyUntil);
      const mac = "fedcba9876543210".repeat(4);
      expect(await getStores().signingKeys.updateKeyWindows(row.kid, { mac }, null)).toBe(true);
      const [withMac] = (await getStores().signingKeys.listVerifyingKeys(now)).filter((k) => k.kid === row.kid);
      expect(withMac).toEqual({ ...row, signUntil: now, mac });
      // Conditional on the MAC read: a stale one changes nothing.
      expect(await getStores().signingKeys.updateKeyWindows(row.kid, { verifyUntil: now }, row.mac)).toBe(false);
      expect(await getStores().signingKeys.updateKeyWindows(row.kid, { verifyUntil: now }, mac)).toBe(true);
      expect((await getStores().signingKeys.listVerifyingKeys(now)).some((k) => k.kid === row.kid)).toBe(false);
      expect(await getStores().signingKeys.updateKeyWindows(randomUUID(), { verifyUntil: now })).toBe(false);
    });
  });
}
