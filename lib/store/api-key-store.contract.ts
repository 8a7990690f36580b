/**
 * The ApiKeyStore contract, run against every database (in prisma-user-admin-store.db.test.ts) and the memory
 * store (in memory-user-admin-store.test.ts).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiKeyRow, Stores } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function runApiKeyStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`api key store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });
    const row = (overrides: Partial<ApiKeyRow> = {}): ApiKeyRow => ({
      id: randomUUID(),
      name: "ci ✓",
      keyHash: randomUUID().replaceAll("-", "").padEnd(64, "0"),
      createdAt: T0,
      lastUsedAt: null,
      expiresAt: at(3600),
      revokedAt: null,
      ...overrides,
    });

    it("stores a key, finds it by hash only, lists it, touches and revokes it once", async () => {
      const key = row();
      await stores.apiKeys.createKey(key);
      expect(await stores.apiKeys.findKeyByHash(key.keyHash)).toEqual(key);
      expect(await stores.apiKeys.findKeyByHash(row().keyHash)).toBeNull();
      expect((await stores.apiKeys.listKeys()).find((k) => k.id === key.id)).toEqual(key);
      await stores.apiKeys.touchKey(key.id, at(10));
      expect((await stores.apiKeys.findKeyByHash(key.keyHash))?.lastUsedAt).toEqual(at(10));
      expect(await stores.apiKeys.revokeKey(key.id, at(20))).toBe(true);
      expect(await stores.apiKeys.revokeKey(key.id, at(30))).toBe(false);
      expect((await stores.apiKeys.findKeyByHash(key.keyHash))?.revokedAt).toEqual(at(20));
      expect(await stores.apiKeys.revokeKey(randomUUID(), at(30))).toBe(false);
    });

    it("refuses a second key with the same hash and lists newest first", async () => {
      const older = row({ createdAt: at(-10), expiresAt: null });
      const newer = row({ createdAt: at(500) });
      await stores.apiKeys.createKey(older);
      await stores.apiKeys.createKey(newer);
      await expect(stores.apiKeys.createKey(row({ keyHash: older.keyHash }))).rejects.toThrow();
      const ids = (await stores.apiKeys.listKeys()).map((k) => k.id);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      expect((await stores.apiKeys.findKeyByHash(older.keyHash))?.expiresAt).toBeNull();
    });
  });
}
