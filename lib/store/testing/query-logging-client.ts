/**
 * A Prisma client of its own for one database URL that records every SQL statement it sends,
 * with its parameters: for tests that EXPLAIN exactly what a store asked for. Test-only.
 */
import { providerOf } from "../database-url.mjs";
import { sqliteAdapter, type GatehousePrismaClient } from "../prisma-client";

export interface LoggedQuery {
  sql: string;
  params: unknown[];
}

export async function openQueryLoggingClient(url: string): Promise<{ client: GatehousePrismaClient; queries: LoggedQuery[] }> {
  const log = [{ emit: "event", level: "query" }] as const;
  let client: GatehousePrismaClient;
  switch (providerOf(url)) {
    case "sqlite": {
      // The same adapter as the app's, statement cache included.
      const [{ PrismaClient }, adapter] = await Promise.all([import("../generated/sqlite/client"), sqliteAdapter(url)]);
      client = new PrismaClient({ adapter, log: [...log] }) as unknown as GatehousePrismaClient;
      break;
    }
    case "postgresql": {
      const [{ PrismaClient }, { PrismaPg }] = await Promise.all([import("../generated/postgresql/client"), import("@prisma/adapter-pg")]);
      client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [...log] }) as unknown as GatehousePrismaClient;
      break;
    }
    case "mysql": {
      const [{ PrismaClient }, { PrismaMariaDb }] = await Promise.all([import("../generated/mysql/client"), import("@prisma/adapter-mariadb")]);
      client = new PrismaClient({ adapter: new PrismaMariaDb(url), log: [...log] }) as unknown as GatehousePrismaClient;
      break;
    }
  }
  const queries: LoggedQuery[] = [];
  (client as unknown as { $on(event: "query", cb: (e: { query: string; params: string }) => void): void }).$on("query", (e) => {
    queries.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] });
  });
  return { client, queries };
}

/** The audit log's retention purge: at most hourly per instance, and after the answer. */
export const isAuditPurge = (sql: string) => /^DELETE FROM \S*audit_events\S* WHERE \S*time\S* </i.test(sql);

/** The deletion of expired rows (lib/auth/expired-rows.ts): at most hourly per instance, and after the answer. */
export const isExpiredRowsDeletion = (sql: string) =>
  /^DELETE FROM \S*(session_revocations|sessions|organization_invitations)\S* WHERE \S*expires_at\S* <=/i.test(sql);

/**
 * Statements a request's count leaves out: transaction control and the driver's comments (no
 * work of their own), the audit purge and the deletion of expired rows.
 */
export const isNotCounted = (sql: string) =>
  /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE|--)/i.test(sql) || isAuditPurge(sql) || isExpiredRowsDeletion(sql);
