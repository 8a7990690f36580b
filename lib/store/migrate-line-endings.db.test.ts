/**
 * scripts/db-migrate.mjs on a checkout whose line endings differ from the one that migrated the
 * database: git with `core.autocrlf` (Windows' default) checks the migrations out with CRLF, a
 * Linux CI or image build with LF. Prisma's engine treats a file whose only difference from the
 * recorded checksum is its line endings as unmodified (`script_matches_checksum`); the migrator
 * must too, or a deploy from the other kind of checkout refuses to start ("modified after it was
 * applied") on a database that Prisma's own `migrate deploy` accepts. A real edit still stops it.
 */
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { migrationsDirOf } from "../../scripts/db/paths.mjs";
import { createTestDatabase, TEST_PROVIDERS } from "../../scripts/test-db.mjs";

const quiet = () => {};

for (const provider of TEST_PROVIDERS) {
  describe(`db:migrate on ${provider}: line endings of the checkout`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function checkout(lineEnding: "\n" | "\r\n"): Promise<string> {
      const dir = await mkdtemp(path.join(os.tmpdir(), "gh-checkout-"));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      await cp(migrationsDirOf(provider), dir, { recursive: true });
      for (const name of await readdir(dir)) {
        const file = path.join(dir, name, "migration.sql");
        const text = await readFile(file, "utf8").catch(() => null);
        if (text !== null) await writeFile(file, text.replaceAll("\r\n", "\n").replaceAll("\n", lineEnding));
      }
      return dir;
    }

    it("accepts, as Prisma does, a CRLF checkout on a database an LF checkout migrated, and the other way round", async () => {
      const lf = await checkout("\n");
      const crlf = await checkout("\r\n");
      for (const [first, second] of [
        [lf, crlf],
        [crlf, lf],
      ] as const) {
        const db = await createTestDatabase(provider, { migrate: false });
        cleanups.push(() => db.drop());
        const applied = (await migrate(db.url, { migrationsDir: first, log: quiet })).applied;
        expect(applied.length).toBeGreaterThan(0);
        expect(await migrate(db.url, { migrationsDir: second, log: quiet })).toEqual({ applied: [], alreadyApplied: applied });
      }
    });

    it("still refuses a file edited beyond its line endings", async () => {
      const lf = await checkout("\n");
      const crlf = await checkout("\r\n");
      const db = await createTestDatabase(provider, { migrate: false });
      cleanups.push(() => db.drop());
      await migrate(db.url, { migrationsDir: lf, log: quiet });
      const [first] = (await readdir(crlf)).filter((name) => !name.endsWith(".toml")).sort();
      await appendFile(path.join(crlf, first!, "migration.sql"), "-- edited\r\n");
      await expect(migrate(db.url, { migrationsDir: crlf, log: quiet })).rejects.toThrow(/modified after it was applied/);
    });
  });
}
