/** RevocationStore on Prisma: recent revocations shared by every instance. */
import type { RevocationStore } from "../auth/session/revocation-store";
import { isUniqueViolation } from "./prisma-errors";
import type { PrismaClientSource } from "./prisma-client";

export function createPrismaRevocationStore(client: PrismaClientSource): RevocationStore {
  return {
    async recordRevocations(rows) {
      const prisma = await client();
      for (const row of rows) {
        try {
          await prisma.sessionRevocation.create({ data: row });
        } catch (error) {
          // Already recorded (revoked twice, or by two instances at once): one row suffices.
          if (!isUniqueViolation(error)) throw error;
        }
      }
    },

    async listRevocations(since, now) {
      const prisma = await client();
      return prisma.sessionRevocation.findMany({
        where: { expiresAt: { gt: now }, ...(since !== undefined && { revokedAt: { gte: since } }) },
        orderBy: [{ revokedAt: "asc" }, { sessionHandle: "asc" }],
      });
    },

    async deleteExpiredRevocations(now) {
      const prisma = await client();
      const { count } = await prisma.sessionRevocation.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
}
