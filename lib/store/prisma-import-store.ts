/** ImportStore on Prisma: imported users in batches (prisma-import-batch.ts), their origin, and export. */
import type { ExportUserRow, ImportedUserInfo, ImportOutcome, ImportStore } from "../auth/ports/import-store";
import { providerOfClient, type PrismaClientSource } from "./prisma-client";
import { importBatchIn } from "./prisma-import-batch";
import { fromJsonColumn } from "./json-column";

/** Users read per statement by exportUsers: well under SQLite's 999 bound values. */
const EXPORT_SLICE = 400;

/** Long enough for a batch of a few thousand users on a busy database; Prisma's default is 5 s. */
const BATCH_TRANSACTION_TIMEOUT_MS = 120_000;

interface ImportedRecord {
  userId: string;
  source: string;
  externalId: string;
  importedAt: Date;
  metadata: string;
}

const toInfo = (r: ImportedRecord): ImportedUserInfo => ({
  userId: r.userId,
  source: r.source,
  externalId: r.externalId,
  importedAt: r.importedAt,
  metadata: fromJsonColumn(r.metadata, "imported_users.metadata"),
});

export function createPrismaImportStore(client: PrismaClientSource): ImportStore {
  const importUsers: ImportStore["importUsers"] = async (records, { dryRun, now }) => {
    const prisma = await client();
    try {
      const userIdsIgnoreCase = providerOfClient(prisma) === "mysql";
      return await prisma.$transaction((tx) => importBatchIn(tx, records, now, dryRun, userIdsIgnoreCase), {
        timeout: BATCH_TRANSACTION_TIMEOUT_MS,
        maxWait: BATCH_TRANSACTION_TIMEOUT_MS,
      });
    } catch (error) {
      if (records.length === 1) return [error instanceof Error ? error : new Error(String(error))];
      // A row the database refused (or a concurrent writer that took an email or id between our
      // read and our write) rolled the whole batch back: again one record per transaction, so
      // that only the guilty record fails.
      const outcomes: (ImportOutcome | Error)[] = [];
      for (const record of records) outcomes.push(...(await importUsers([record], { dryRun, now })));
      return outcomes;
    }
  };

  return {
    importUsers,

    async getImportedUsers(userIds) {
      const prisma = await client();
      return (await prisma.importedUser.findMany({ where: { userId: { in: userIds } } })).map(toInfo);
    },

    async findByExternalId(externalId) {
      const prisma = await client();
      const rows = await prisma.importedUser.findMany({ where: { externalId }, orderBy: { userId: "asc" } });
      // Compared again exactly: the column's binary collation on MySQL still pads ("id " = "id").
      return rows.filter((row) => row.externalId === externalId).map(toInfo);
    },

    async exportUsers({ limit, afterUserId }): Promise<ExportUserRow[]> {
      const prisma = await client();
      const rows: ExportUserRow[] = [];
      let after = afterUserId;
      // Read in slices: each relation of a slice is read with the slice's ids bound in one
      // statement, and SQLite binds at most 999 values, so a page of 1,000 users failed there.
      while (rows.length < limit) {
        const take = Math.min(EXPORT_SLICE, limit - rows.length);
        const users = await prisma.user.findMany({
          where: after === undefined ? {} : { id: { gt: after } },
          orderBy: { id: "asc" },
          take,
          include: {
            emailPasswordAccount: true,
            thirdPartyAccounts: { orderBy: { id: "asc" } },
            roles: { orderBy: { role: "asc" } },
            importedFrom: true,
          },
        });
        for (const u of users) {
          rows.push({
            id: u.id,
            email: u.email,
            emailVerified: u.emailVerified,
            timeJoined: u.timeJoined,
            passwordHash: u.emailPasswordAccount?.passwordHash ?? null,
            thirdPartyAccounts: u.thirdPartyAccounts.map((a) => ({
              thirdPartyId: a.thirdPartyId,
              thirdPartyUserId: a.thirdPartyUserId,
              email: a.email,
            })),
            roles: u.roles.map((r) => r.role),
            imported: u.importedFrom ? toInfo(u.importedFrom) : null,
          });
        }
        if (users.length < take) break;
        after = users[users.length - 1].id;
      }
      return rows;
    },
  };
}
