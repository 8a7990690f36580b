import type { ApiKeyRow, ApiKeyStore } from "../ports/api-key-store";

/** In-memory ApiKeyStore with the contract's semantics (lib/store/api-key-store.contract.ts). */
export function createMemoryApiKeyStore(): ApiKeyStore {
  const keys = new Map<string, ApiKeyRow>();
  return {
    async createKey(row) {
      if ([...keys.values()].some((k) => k.keyHash === row.keyHash) || keys.has(row.id)) throw new Error("duplicate api key");
      keys.set(row.id, structuredClone(row));
    },
    async findKeyByHash(keyHash) {
      const row = [...keys.values()].find((k) => k.keyHash === keyHash);
      return row ? structuredClone(row) : null;
    },
    async listKeys() {
      return [...keys.values()]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((k) => structuredClone(k));
    },
    async revokeKey(id, now) {
      const row = keys.get(id);
      if (!row || row.revokedAt) return false;
      row.revokedAt = now;
      return true;
    },
    async touchKey(id, now) {
      const row = keys.get(id);
      if (row) row.lastUsedAt = now;
    },
  };
}
