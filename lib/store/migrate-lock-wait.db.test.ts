/**
 * scripts/db-migrate.mjs waiting for the migration lock another run holds (a rolling deploy's
 * second instance, a long migration, a run stuck behind the app's locks). The wait must be
 * visible in the migrator's output, through its `log` option, on every database with a lock:
 * on PostgreSQL it was silent for as long as it lasted, so a deploy hung without a word.
 */
import mariadb from "mariadb";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { mariadbConnectionString } from "./mariadb-connect-timeout.mjs";

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

/** Another run holding the lock: its `release` ends it; `pid`, its PostgreSQL server process. */
type Holder = { release: () => Promise<void>; pid?: number };

const holders: Record<"postgresql" | "mysql", (url: string) => Promise<Holder>> = {
  async postgresql(url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("SELECT pg_advisory_lock(72707369)"); // Prisma's key, the migrator's too
    const { rows } = await client.query("SELECT pg_backend_pid() AS pid");
    return { release: () => client.end(), pid: rows[0].pid };
  },
  async mysql(url) {
    const conn = await mariadb.createConnection(mariadbConnectionString(url));
    await conn.query("SELECT GET_LOCK('prisma_migrate', 0)");
    return { release: () => conn.end() };
  },
};

for (const provider of ["postgresql", "mysql"] as const) {
  describe(`db:migrate on ${provider} while another run holds the migration lock`, () => {
    it("says it is waiting, through its log, then migrates once the lock is free", async () => {
      const db = await createTestDatabase(provider, { migrate: false });
      databases.push(db);
      const holder = await holders[provider](db.url);
      // PostgreSQL's advisory locks are per database: a run in another one holds a lock of its own.
      const elsewhere = provider === "postgresql" ? await createTestDatabase(provider, { migrate: false }) : undefined;
      if (elsewhere) databases.push(elsewhere);
      const otherHolder = elsewhere ? await holders.postgresql(elsewhere.url) : undefined;
      const lines: string[] = [];
      const run = migrate(db.url, { log: (line) => lines.push(line) }).catch((error: unknown) => error);
      try {
        await expect.poll(() => lines.join("\n"), { timeout: 5_000, interval: 100 }).toMatch(/waiting for another migration run/);
        expect(lines.some((line) => /: applying /.test(line))).toBe(false);
        // PostgreSQL names the holder, and only this database's: the process to look up in pg_stat_activity.
        if (provider === "postgresql") expect(lines.join("\n")).toContain(`held by server process ${holder.pid})`);
      } finally {
        await holder.release();
        await otherHolder?.release();
        await run; // never left running against a database being dropped
      }
      expect(await run).toMatchObject({ applied: expect.arrayContaining([expect.stringMatching(/_init$/)]) });
    }, 60_000);
  });
}
