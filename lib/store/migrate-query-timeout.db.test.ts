/**
 * The migrator runs on the app's DATABASE_URL (`npm start` runs it first), whose `query_timeout`
 * bounds the app's queries (docs/postgresql.md). pg reads the parameter from the URL by itself,
 * so it bounded every migration statement and the wait for another run's lock too: `?query_timeout=0`
 * (meant as "no bound", read by pg as a 1 ms one) and any value shorter than a migration stopped
 * the start. The migrator waits as long as a migration takes, so it leaves the parameter out.
 */
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";

const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const db of dbs) await db.drop();
});

describe("migrating PostgreSQL with a query_timeout in the URL", () => {
  it.each(["0", "1"])("applies every migration with ?query_timeout=%s", async (value) => {
    const db = await createTestDatabase("postgresql", { migrate: false });
    dbs.push(db);
    const url = new URL(db.url);
    url.searchParams.set("query_timeout", value);
    const { applied } = await migrate(url.toString(), { log: () => undefined });
    expect(applied.length).toBeGreaterThan(0);
  });
});
