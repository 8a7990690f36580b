/**
 * scripts/db-migrate.mjs with a DATABASE_URL that names another application's database (a typo,
 * a copied .env, a shared server). The migrator must refuse before it writes anything there, as
 * `prisma migrate deploy` does (P3005, "the database schema is not empty"): not add Gatehouse's
 * twenty tables beside the other application's, not record Gatehouse's migrations in that
 * application's `_prisma_migrations` (where its own `prisma migrate deploy` would then stop on
 * them), and not leave a half-applied init behind on MySQL when a table name collides.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, MigrationError } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { rawQuery } from "./testing/raw-query.mjs";

const quiet = () => {};

for (const provider of TEST_PROVIDERS) {
  describe(`db:migrate on another application's ${provider} database`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function emptyDatabase(): Promise<TestDatabase> {
      const db = await createTestDatabase(provider, { migrate: false });
      cleanups.push(() => db.drop());
      return db;
    }

    const q = provider === "mysql" ? "`" : '"';
    const tablesSql =
      provider === "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : provider === "postgresql"
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
          : "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";
    const tableNames = async (url: string) => (await rawQuery(url, tablesSql)).map((r) => String(r.name)).sort();

    it("refuses a database that holds tables but no migration history, and writes nothing", async () => {
      const db = await emptyDatabase();
      // Another application's `users`: the name Gatehouse's init migration creates first.
      await rawQuery(db.url, `CREATE TABLE ${q}users${q} (id INTEGER PRIMARY KEY, login VARCHAR(64) NOT NULL)`);
      await rawQuery(db.url, `INSERT INTO ${q}users${q} (id, login) VALUES (1, 'alice')`);
      await rawQuery(db.url, `CREATE TABLE ${q}invoices${q} (id INTEGER PRIMARY KEY)`);

      const attempt = migrate(db.url, { log: quiet });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toThrow(/not empty.*invoices, users/);

      expect(await tableNames(db.url)).toEqual(["invoices", "users"]);
      expect(await rawQuery(db.url, `SELECT id, login FROM ${q}users${q}`)).toEqual([{ id: 1, login: "alice" }]);
    });

    it("refuses a database whose migration history is another application's, and records nothing there", async () => {
      const db = await emptyDatabase();
      // What another Prisma application's `migrate deploy` leaves: its table and its history.
      await migrate(db.url, { log: quiet, migrationsDir: await otherApplicationMigrations(provider, cleanups) });
      const before = await rawQuery(db.url, "SELECT migration_name FROM _prisma_migrations");
      expect(before).toEqual([{ migration_name: "20240101000000_orders" }]);

      const attempt = migrate(db.url, { log: quiet });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toThrow(/another application.*20240101000000_orders/);

      expect(await rawQuery(db.url, "SELECT migration_name FROM _prisma_migrations")).toEqual(before);
      expect(await tableNames(db.url)).toEqual(["_prisma_migrations", "orders"]);
    });

    it("still migrates an empty database, and a Gatehouse one again", async () => {
      const db = await emptyDatabase();
      expect((await migrate(db.url, { log: quiet })).applied.length).toBeGreaterThan(0);
      expect((await migrate(db.url, { log: quiet })).applied).toEqual([]);
    });
  });
}

/** A migrations folder of some other application: one migration creating `orders`. */
async function otherApplicationMigrations(provider: string, cleanups: (() => Promise<void>)[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gh-other-app-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
  await mkdir(path.join(dir, "20240101000000_orders"));
  const q = provider === "mysql" ? "`" : '"';
  await writeFile(path.join(dir, "20240101000000_orders", "migration.sql"), `CREATE TABLE ${q}orders${q} (id INTEGER PRIMARY KEY);\n`);
  return dir;
}
