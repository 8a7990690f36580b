/** EmailTokenStore on Prisma, for every token table (they have the same columns). */
import type { EmailTokenRow, EmailTokenStore } from "../auth/ports/email-token-store";
import type { GatehousePrismaClient, PrismaClientSource } from "./prisma-client";
import { isForeignKeyViolation, retryOnWriteConflict } from "./prisma-errors";

type TokenDelegate = GatehousePrismaClient["emailVerificationToken"];
type TokenTable = "emailVerificationToken" | "passwordResetToken" | "webauthnRecoverToken";

function toRow(record: EmailTokenRow): EmailTokenRow {
  const { tokenHash, userId, email, createdAt, expiresAt } = record;
  return { tokenHash, userId, email, createdAt, expiresAt };
}

export function createPrismaEmailTokenStore(client: PrismaClientSource, table: TokenTable): EmailTokenStore {
  // The delegates have identical shapes; Prisma's generics just do not say so.
  const tokens = async () => {
    const prisma = await client();
    return { prisma, delegate: prisma[table] as unknown as TokenDelegate };
  };

  return {
    async replaceTokensForUser(row) {
      const { prisma, delegate } = await tokens();
      // Retried whole if InnoDB picks it as a deadlock's victim (two requests at once for one user
      // lock the same range of the user_id index): a rolled-back try changed nothing.
      try {
        await retryOnWriteConflict(() =>
          prisma.$transaction([delegate.deleteMany({ where: { userId: row.userId } }), delegate.create({ data: toRow(row) })]),
        );
        return true;
      } catch (error) {
        // The user was deleted after the flow looked them up: the token's foreign key is gone.
        if (isForeignKeyViolation(error)) return false;
        throw error;
      }
    },

    async consumeToken(tokenHash) {
      const { delegate } = await tokens();
      const record = await delegate.findUnique({ where: { tokenHash } });
      if (!record) return null;
      // Single use: the DELETE decides. Of concurrent callers that all read the row, the
      // database lets exactly one delete it; the others see a count of 0 and get nothing.
      const { count } = await delegate.deleteMany({ where: { tokenHash } });
      return count === 1 ? toRow(record) : null;
    },

    async findToken(tokenHash) {
      const { delegate } = await tokens();
      const record = await delegate.findUnique({ where: { tokenHash } });
      // Compared exactly: MySQL's default collation would match another case.
      return record && record.tokenHash === tokenHash ? toRow(record) : null;
    },

    async deleteTokensForUser(userId) {
      const { delegate } = await tokens();
      const { count } = await delegate.deleteMany({ where: { userId } });
      return count;
    },
  };
}
