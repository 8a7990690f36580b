/**
 * A new, empty PostgreSQL database whose schema holds only what an extension installed there:
 * `CREATE EXTENSION pg_stat_statements` (as managed servers and monitoring set-ups do, often in
 * the template database) puts its views in `public`, PostGIS its `spatial_ref_sys` table. Those
 * belong to the server, not to another application: the migrator's refusal of a database that
 * is not Gatehouse's must not refuse this one, which Prisma's `migrate deploy` migrates too.
 */
import { afterAll, describe, expect, it } from "vitest";
import { migrate, MigrationError } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { rawQuery } from "./testing/raw-query.mjs";

const quiet = () => {};

describe("db:migrate on a postgresql database holding only an extension's relations", () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  async function withExtension(): Promise<TestDatabase> {
    const db = await createTestDatabase("postgresql", { migrate: false });
    dbs.push(db);
    await rawQuery(db.url, "CREATE EXTENSION pg_stat_statements");
    return db;
  }

  it("migrates it, and leaves the extension's views alone", async () => {
    const db = await withExtension();
    expect((await migrate(db.url, { log: quiet })).applied.length).toBeGreaterThan(0);
    const views = await rawQuery(db.url, "SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY viewname");
    expect(views.map((row) => row.viewname)).toEqual(["pg_stat_statements", "pg_stat_statements_info"]);
  });

  it("still refuses another application's table beside the extension, naming only that table", async () => {
    const db = await withExtension();
    await rawQuery(db.url, 'CREATE TABLE "orders" (id INTEGER PRIMARY KEY)');
    const attempt = migrate(db.url, { log: quiet });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(/not empty \(orders\)/);
  });
});
