/**
 * scripts/db-migrate.mjs on an SQLite file that already holds a row breaking a foreign key: a
 * session whose user was deleted with the `sqlite3` shell (which leaves foreign keys off), or a
 * file restored in parts. The migrator checks foreign keys before each commit, because it runs
 * migrations with them off; that check must refuse what a migration broke, not what was broken
 * before it ran, or such a file could never be upgraded again, whatever the migration touches.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { readMigrations } from "../../scripts/db/migrations-dir.mjs";
import { migrationsDirOf } from "../../scripts/db/paths.mjs";
import { sqlitePathOf } from "./database-url.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { rawQuery } from "./testing/raw-query.mjs";

const quiet = () => {};

describe("db:migrate on sqlite: foreign-key violations that were there before", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function database(): Promise<TestDatabase> {
    const db = await createTestDatabase("sqlite", { migrate: false });
    cleanups.push(() => db.drop());
    return db;
  }

  /** The committed folder without its last migration: a release before the newest. */
  async function previousRelease(): Promise<{ dir: string; last: string }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gh-previous-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(migrationsDirOf("sqlite"), dir, { recursive: true });
    const last = (await readMigrations(dir)).at(-1)!.name;
    await rm(path.join(dir, last), { recursive: true });
    return { dir, last };
  }

  /** Runs statements with foreign keys off, as the sqlite3 shell does. */
  function withoutForeignKeys(url: string, sql: string) {
    const db = new Database(sqlitePathOf(url));
    try {
      db.pragma("foreign_keys = OFF");
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  it("upgrades a file holding an orphan row, and keeps the row", async () => {
    const db = await database();
    const { dir, last } = await previousRelease();
    await migrate(db.url, { migrationsDir: dir, log: quiet });
    withoutForeignKeys(
      db.url,
      `INSERT INTO users (id, email, email_verified, time_joined) VALUES ('u1', 'a@example.com', 0, '2031-01-01T00:00:00.000+00:00');
       INSERT INTO sessions (session_handle, user_id, session_data, jwt_payload, refresh_token_hash, created_at, expires_at, absolute_expires_at, last_active_at)
         VALUES ('s1', 'u1', '{}', '{}', 'r', '2031-01-01', '2031-01-02', '2031-02-01', '2031-01-01');
       DELETE FROM users WHERE id = 'u1';`,
    );
    expect(await rawQuery(db.url, "PRAGMA foreign_key_check")).toHaveLength(1);

    expect((await migrate(db.url, { log: quiet })).applied).toEqual([last]);
    expect(await rawQuery(db.url, "SELECT session_handle FROM sessions")).toEqual([{ session_handle: "s1" }]);
  });

  it("still refuses a migration that breaks a foreign key itself", async () => {
    const db = await database();
    const { dir } = await previousRelease();
    await migrate(db.url, { migrationsDir: dir, log: quiet });
    withoutForeignKeys(db.url, "DELETE FROM users"); // nothing to orphan: the check must see only the migration's doing
    const breaking = path.join(dir, "29990101000000_orphan_a_session");
    await mkdir(breaking);
    await writeFile(
      path.join(breaking, "migration.sql"),
      `INSERT INTO sessions (session_handle, user_id, session_data, jwt_payload, refresh_token_hash, created_at, expires_at, absolute_expires_at, last_active_at)
         VALUES ('s2', 'nobody', '{}', '{}', 'r', '2031-01-01', '2031-01-02', '2031-02-01', '2031-01-01');\n`,
    );
    await expect(migrate(db.url, { migrationsDir: dir, log: quiet })).rejects.toThrow(/foreign key violations/);
    expect(await rawQuery(db.url, "SELECT session_handle FROM sessions")).toEqual([]);
  });
});
