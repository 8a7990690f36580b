/**
 * SealedSecretStore on Prisma: TOTP devices' secrets and the client secrets inside tenants' login
 * methods, scanned by primary key and replaced each by a compare-and-swap on its stored text.
 */
import type { TenantLoginMethods, TenantProviderClient } from "../auth/ports/organization-store";
import type { SealedSecretStore, StoredTenantClientSecret } from "../auth/ports/sealed-secret-store";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import { providerOfClient, type GatehousePrismaClient, type PrismaClientSource } from "./prisma-client";
import { retryOnWriteConflict } from "./prisma-errors";
import { empty, raw, sql } from "./sql-statements";

const ownClients = (loginMethods: TenantLoginMethods) =>
  (loginMethods.thirdPartyProviders ?? []).filter((entry): entry is TenantProviderClient => typeof entry !== "string");
const readLoginMethods = (text: string) => fromJsonColumn(text, "organizations.login_methods") as TenantLoginMethods;

/**
 * The row is read with a lock (PostgreSQL and MariaDB: FOR UPDATE, the latest committed row, not
 * a snapshot) and written in the same transaction, so a concurrent write of it waits or comes
 * first and is then what is compared; the compare is exact in JavaScript, as MySQL's default
 * collation would match a value differing only in case. SQLite's writers take turns: a
 * transaction that read before another's commit cannot write after it.
 */
function lockingRead(prisma: GatehousePrismaClient) {
  const provider = providerOfClient(prisma);
  return provider === "sqlite" ? empty : provider === "postgresql" ? raw("FOR NO KEY UPDATE") : raw("FOR UPDATE");
}

export function createPrismaSealedSecretStore(client: PrismaClientSource): SealedSecretStore {
  return {
    async listTotpSecrets({ limit, after }) {
      const prisma = await client();
      const rows = await prisma.totpDevice.findMany({
        where: after === undefined ? {} : { id: { gt: after } },
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, userId: true, sealedSecret: true },
      });
      return {
        secrets: rows.map((row) => ({ deviceId: row.id, userId: row.userId, sealedSecret: row.sealedSecret })),
        next: rows.length === limit ? rows[rows.length - 1].id : null,
      };
    },

    async replaceTotpSecret({ deviceId, expected, replacement }) {
      const prisma = await client();
      const lock = lockingRead(prisma);
      return retryOnWriteConflict(() =>
        prisma.$transaction(async (tx) => {
          const rows = await tx.$queryRaw<{ id: string; sealed_secret: string }[]>(
            sql`SELECT id, sealed_secret FROM totp_devices WHERE id = ${deviceId} ${lock}`,
          );
          if (!rows.some((row) => row.id === deviceId && row.sealed_secret === expected)) return false;
          await tx.totpDevice.update({ where: { id: deviceId }, data: { sealedSecret: replacement } });
          return true;
        }),
      );
    },

    async listTenantClientSecrets({ limit, after }) {
      const prisma = await client();
      const rows = await prisma.organization.findMany({
        where: { loginMethods: { not: null }, ...(after === undefined ? {} : { id: { gt: after } }) },
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, loginMethods: true },
      });
      const secrets: StoredTenantClientSecret[] = rows.flatMap((row) =>
        ownClients(readLoginMethods(row.loginMethods!)).map((entry) => ({
          organizationId: row.id,
          providerId: entry.id,
          storedSecret: entry.clientSecret,
        })),
      );
      return { secrets, next: rows.length === limit ? rows[rows.length - 1].id : null };
    },

    async replaceTenantClientSecret({ organizationId, providerId, expected, replacement }) {
      const prisma = await client();
      const lock = lockingRead(prisma);
      return retryOnWriteConflict(() =>
        prisma.$transaction(async (tx) => {
          const rows = await tx.$queryRaw<{ id: string; login_methods: string | null }[]>(
            sql`SELECT id, login_methods FROM organizations WHERE id = ${organizationId} ${lock}`,
          );
          const row = rows.find((r) => r.id === organizationId);
          if (!row?.login_methods) return false;
          // The login methods as they are now: a change to another field since the scan is kept.
          const loginMethods = readLoginMethods(row.login_methods);
          const entry = ownClients(loginMethods).find((e) => e.id === providerId && e.clientSecret === expected);
          if (!entry) return false;
          entry.clientSecret = replacement;
          await tx.organization.update({ where: { id: organizationId }, data: { loginMethods: toJsonColumn({ ...loginMethods }) } });
          return true;
        }),
      );
    },
  };
}
