/**
 * scripts/db-migrate.mjs on each database: applies and records migrations as Prisma does,
 * is idempotent, refuses edited migrations, handles failures, and serialises concurrent
 * instances. On SQLite and PostgreSQL, Prisma's own engine checks our bookkeeping.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, MigrationError } from "../../scripts/db-migrate.mjs";
import { readMigrations } from "../../scripts/db/migrations-dir.mjs";
import { migrationsDirOf, ROOT } from "../../scripts/db/paths.mjs";
import { applyMigrationsWithEngine, diagnoseMigrationHistory } from "../../scripts/db/schema-engine.mjs";
import { renderSchema } from "../../scripts/db/schema-render.mjs";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { rawQuery } from "./testing/raw-query.mjs";

const quiet = () => {};
const BOOKKEEPING_SQL =
  "SELECT id, migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY started_at";

for (const provider of TEST_PROVIDERS) {
  describe(`db:migrate on ${provider}`, () => {
    const committed = migrationsDirOf(provider);
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function freshDatabase(): Promise<TestDatabase> {
      const db = await createTestDatabase(provider, { migrate: false });
      cleanups.push(() => db.drop());
      return db;
    }

    async function copyOfMigrations(): Promise<string> {
      const dir = await mkdtemp(path.join(os.tmpdir(), "gh-migrations-"));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      await cp(committed, dir, { recursive: true });
      return dir;
    }

    async function committedNames() {
      return (await readMigrations(committed)).map((m) => m.name);
    }

    it("applies the committed migrations, records them as Prisma does, and is idempotent", async () => {
      const db = await freshDatabase();
      const names = await committedNames();
      expect(names.length).toBeGreaterThan(0);

      expect(await migrate(db.url, { log: quiet })).toEqual({ applied: names, alreadyApplied: [] });
      const logs: string[] = [];
      expect(await migrate(db.url, { log: (l) => logs.push(l) })).toEqual({ applied: [], alreadyApplied: names });
      expect(logs.join("\n")).toMatch(/nothing to apply/);

      const rows = await rawQuery(db.url, BOOKKEEPING_SQL);
      expect(rows).toHaveLength(names.length);
      for (const [i, row] of rows.entries()) {
        const file = await readFile(path.join(committed, names[i]!, "migration.sql"));
        expect(row).toMatchObject({
          migration_name: names[i],
          checksum: createHash("sha256").update(file).digest("hex"),
          rolled_back_at: null,
          logs: null,
        });
        expect(Number(row.applied_steps_count)).toBe(1);
        expect(row.finished_at).not.toBeNull();
        expect(String(row.id)).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it("refuses to run when an applied migration's file was edited", async () => {
      const db = await freshDatabase();
      const dir = await copyOfMigrations();
      await migrate(db.url, { migrationsDir: dir, log: quiet });
      const [first] = await committedNames();
      const file = path.join(dir, first!, "migration.sql");
      const original = await readFile(file);
      await appendFile(file, "\n-- edited after it was applied\n");

      const attempt = migrate(db.url, { migrationsDir: dir, log: quiet });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toThrow(/modified after it was applied/);

      await writeFile(file, original);
      expect((await migrate(db.url, { migrationsDir: dir, log: quiet })).applied).toEqual([]);
    });

    it(
      provider === "mysql"
        ? "stops after a failed migration until it is marked rolled back (MySQL DDL cannot roll back)"
        : "rolls a failed migration back entirely and retries it on the next run",
      async () => {
        const db = await freshDatabase();
        const dir = await copyOfMigrations();
        const broken = "29990101000000_broken";
        const q = provider === "mysql" ? "`" : '"';
        const file = path.join(dir, broken, "migration.sql");
        await mkdir(path.dirname(file));
        await writeFile(file, `CREATE TABLE ${q}probe${q} (id INTEGER);\nINSERT INTO ${q}no_such_table${q} VALUES (1);\n`);

        await expect(migrate(db.url, { migrationsDir: dir, log: quiet })).rejects.toThrow(new RegExp(`${broken} failed`));
        const [failed] = (await rawQuery(db.url, BOOKKEEPING_SQL)).filter((r) => r.migration_name === broken);
        expect(failed).toMatchObject({ finished_at: null });
        expect(String(failed!.logs)).toMatch(/no_such_table/);
        const probe = await rawQuery(db.url, `SELECT 1 FROM ${q}probe${q}`).then(
          () => true,
          () => false,
        );

        if (provider === "mysql") {
          expect(probe).toBe(true); // the CREATE TABLE committed on its own
          expect(failed!.rolled_back_at).toBeNull();
          await expect(migrate(db.url, { migrationsDir: dir, log: quiet })).rejects.toThrow(/failed earlier/);
          // The documented repair: undo by hand, mark rolled back, fix the file.
          await rawQuery(db.url, "DROP TABLE `probe`");
          await rawQuery(
            db.url,
            `UPDATE _prisma_migrations SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = '${broken}' AND finished_at IS NULL`,
          );
        } else {
          expect(probe).toBe(false); // nothing of it survived
          expect(failed!.rolled_back_at).not.toBeNull();
        }
        await writeFile(file, `CREATE TABLE ${q}probe${q} (id INTEGER);\n`);
        expect((await migrate(db.url, { migrationsDir: dir, log: quiet })).applied).toEqual([broken]);
      },
    );

    it("applies each migration once when several instances start together", async () => {
      const db = await freshDatabase();
      const runs = await Promise.all(Array.from({ length: 4 }, () => runMigrateScript(db.url)));
      for (const run of runs) expect(run, run.output).toMatchObject({ code: 0 });
      const names = await committedNames();
      const appliedLines = runs.flatMap((r) => r.output.split("\n").filter((l) => /: applied \d{14}_/.test(l)));
      expect(appliedLines).toHaveLength(names.length);
      const rows = await rawQuery(db.url, BOOKKEEPING_SQL);
      expect(rows.map((r) => r.migration_name)).toEqual(names);
    });

    if (provider === "sqlite") {
      it("keeps child rows through a table-redefinition migration (no cascade on the DROP)", async () => {
        const db = await freshDatabase();
        const dir = await copyOfMigrations();
        await migrate(db.url, { migrationsDir: dir, log: quiet });
        await rawQuery(
          db.url,
          `INSERT INTO users (id, email, email_verified, time_joined) VALUES ('u1', 'a@example.com', 0, '2031-01-01T00:00:00.000+00:00')`,
        );
        await rawQuery(db.url, `INSERT INTO email_password_accounts (user_id, email, password_hash) VALUES ('u1', 'a@example.com', 'h')`);
        await rawQuery(
          db.url,
          `INSERT INTO sessions (session_handle, user_id, session_data, jwt_payload, refresh_token_hash, created_at, expires_at, absolute_expires_at, last_active_at)
          VALUES ('s1', 'u1', '{}', '{}', 'r', '2031-01-01', '2031-01-02', '2031-02-01', '2031-01-01')`,
        );
        // What Prisma's engine emits for making users.time_joined optional on SQLite.
        const redefine = path.join(dir, "29990101000000_redefine_users", "migration.sql");
        await mkdir(path.dirname(redefine));
        await writeFile(
          redefine,
          [
            "PRAGMA defer_foreign_keys=ON;",
            "PRAGMA foreign_keys=OFF;",
            'CREATE TABLE "new_users" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT, "email_verified" BOOLEAN NOT NULL DEFAULT false, "time_joined" DATETIME);',
            'INSERT INTO "new_users" ("email", "email_verified", "id", "time_joined") SELECT "email", "email_verified", "id", "time_joined" FROM "users";',
            'DROP TABLE "users";',
            'ALTER TABLE "new_users" RENAME TO "users";',
            'CREATE UNIQUE INDEX "users_email_key" ON "users"("email");',
            "PRAGMA foreign_keys=ON;",
            "PRAGMA defer_foreign_keys=OFF;",
            "",
          ].join("\n"),
        );
        expect((await migrate(db.url, { migrationsDir: dir, log: quiet })).applied).toEqual(["29990101000000_redefine_users"]);
        expect(await rawQuery(db.url, "SELECT session_handle FROM sessions")).toEqual([{ session_handle: "s1" }]);
        expect(await rawQuery(db.url, "SELECT user_id FROM email_password_accounts")).toEqual([{ user_id: "u1" }]);
        expect(await rawQuery(db.url, "PRAGMA foreign_key_check")).toEqual([]);
      });
    }

    if (provider !== "mysql") {
      it("keeps Prisma's bookkeeping: Prisma's engine and this migrator accept each other's work", async () => {
        const schema = await renderSchema(provider);
        const names = await committedNames();

        const ours = await freshDatabase();
        await migrate(ours.url, { log: quiet });
        expect(await diagnoseMigrationHistory(provider, { url: ours.url, schema, migrationsDir: committed })).toEqual({
          editedMigrationNames: [],
          failedMigrationNames: [],
          hasMigrationsTable: true,
          history: null,
        });
        expect(await applyMigrationsWithEngine(provider, { url: ours.url, schema, migrationsDir: committed })).toEqual([]);

        const theirs = await freshDatabase();
        expect(await applyMigrationsWithEngine(provider, { url: theirs.url, schema, migrationsDir: committed })).toEqual(names);
        expect((await migrate(theirs.url, { log: quiet })).applied).toEqual([]);

        // Same table definition as the one Prisma creates.
        expect(await describeBookkeeping(ours.url)).toEqual(await describeBookkeeping(theirs.url));
      });
    }
  });
}

function describeBookkeeping(url: string) {
  return url.startsWith("file:")
    ? rawQuery(url, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('_prisma_migrations')")
    : rawQuery(
        url,
        `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
}

function runMigrateScript(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "db-migrate.mjs")], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
