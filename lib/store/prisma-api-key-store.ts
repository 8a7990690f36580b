/** ApiKeyStore on Prisma. Revocation stamps `revokedAt`; rows are kept for the record. */
import type { ApiKeyStore } from "../auth/ports/api-key-store";
import type { PrismaClientSource } from "./prisma-client";

export function createPrismaApiKeyStore(client: PrismaClientSource): ApiKeyStore {
  return {
    async createKey(row) {
      const prisma = await client();
      await prisma.apiKey.create({ data: row });
    },

    async findKeyByHash(keyHash) {
      const prisma = await client();
      return prisma.apiKey.findUnique({ where: { keyHash } });
    },

    async listKeys() {
      const prisma = await client();
      return prisma.apiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    },

    async revokeKey(id, now) {
      const prisma = await client();
      // Conditional: a second revocation keeps the first time.
      const { count } = await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
      return count > 0;
    },

    async touchKey(id, now) {
      const prisma = await client();
      await prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: now } });
    },
  };
}
