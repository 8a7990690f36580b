import type { EmailTokenRow, EmailTokenStore } from "../ports/email-token-store";

/** In-memory EmailTokenStore with the contract's semantics (lib/store/email-token-store.contract.ts). */
export function createMemoryEmailTokenStore(): EmailTokenStore {
  const tokens = new Map<string, EmailTokenRow>();
  return {
    async replaceTokensForUser(row) {
      for (const [hash, existing] of tokens) if (existing.userId === row.userId) tokens.delete(hash);
      tokens.set(row.tokenHash, structuredClone(row));
      return true;
    },
    async consumeToken(tokenHash) {
      const row = tokens.get(tokenHash);
      // Map.delete in one synchronous step: concurrent callers cannot both see the row.
      if (!row || !tokens.delete(tokenHash)) return null;
      return row;
    },
    async findToken(tokenHash) {
      const row = tokens.get(tokenHash);
      return row ? structuredClone(row) : null;
    },
    async deleteTokensForUser(userId) {
      let count = 0;
      for (const [hash, row] of tokens) {
        if (row.userId === userId) {
          tokens.delete(hash);
          count++;
        }
      }
      return count;
    },
  };
}
