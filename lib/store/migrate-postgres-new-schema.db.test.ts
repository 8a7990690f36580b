/**
 * scripts/db-migrate.mjs on PostgreSQL with `?schema=` naming a schema that does not exist yet,
 * while another instance creates it (a rolling deploy's first start, several instances at once).
 * `CREATE SCHEMA IF NOT EXISTS` is not safe against a concurrent creation: the second one fails
 * on pg_namespace's unique index instead of finding the schema. So the schema is created under the
 * migration lock, which the other instance holds while it creates it.
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";

/** The advisory lock key Prisma's `migrate deploy` and scripts/db/migrate-postgresql.mjs take. */
const PRISMA_ADVISORY_LOCK = 72707369;

describe("db:migrate on postgresql: a new ?schema= created by two instances at once", () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it("waits for the other instance's schema instead of failing on it", async () => {
    const db = await createTestDatabase("postgresql", { migrate: false });
    databases.push(db);
    const url = new URL(db.url);
    url.searchParams.set("schema", "tenant_a");

    // The other instance: holds the migration lock and is creating the schema, not committed yet.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
      await other.query("BEGIN");
      await other.query(`CREATE SCHEMA "tenant_a"`);

      const lines: string[] = [];
      const run = migrate(url.toString(), { log: (line) => lines.push(line) }).then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error: String(error) }),
      );
      await waitForTheMigratorToWait(db.url, lines);
      await other.query("COMMIT");
      await other.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);

      const outcome = await run;
      expect(outcome).toEqual({ ok: true, result: expect.objectContaining({ alreadyApplied: [] }) });
      const tables = await other.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'tenant_a' AND table_name = 'users'`,
      );
      expect(tables.rows).toEqual([{ n: 1 }]);
    } finally {
      await other.end();
    }
  });
});

/**
 * Resolves once the migrator waits on the other instance: blocked on a lock (a connection of the
 * database in a Lock wait), or saying that it waits for the migration lock. pg_stat_activity is
 * asked on a connection of its own: inside a transaction, it is a snapshot.
 */
async function waitForTheMigratorToWait(url: string, lines: string[]): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (lines.some((line) => /waiting for another migration run/.test(line))) return;
      const { rows } = await probe.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the migrator never waited on the other instance");
  } finally {
    await probe.end();
  }
}
