/**
 * The refusal of another application's database (migrate-foreign-database.db.test.ts) on
 * PostgreSQL, by a login role that holds no privilege on that application's tables:
 * information_schema lists only tables the role may use, so the database looked empty to it and
 * the migrator went on to create Gatehouse's tables beside them. The catalog lists every table.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, MigrationError } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { rawQuery } from "./testing/raw-query.mjs";

describe("db:migrate on postgresql: another application's tables the login role cannot read", () => {
  const role = `gh_test_role_${randomBytes(4).toString("hex")}`;
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
    if (!db) return;
    const server = new URL(db.url);
    server.pathname = "/postgres"; // a role is dropped from outside the databases it was granted in
    await rawQuery(server.toString(), `DROP ROLE IF EXISTS ${role}`);
  });

  it("refuses them all the same, and creates nothing", async () => {
    db = await createTestDatabase("postgresql", { migrate: false });
    await rawQuery(db.url, `CREATE TABLE invoices (id INTEGER PRIMARY KEY)`);
    await rawQuery(db.url, `CREATE ROLE ${role} LOGIN`);
    await rawQuery(db.url, `GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
    const asRole = new URL(db.url);
    asRole.username = role;

    const attempt = migrate(asRole.toString(), { log: () => {} });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(/not empty \(invoices\)/);
    const tables = await rawQuery(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables).toEqual([{ table_name: "invoices" }]);
  });
});
