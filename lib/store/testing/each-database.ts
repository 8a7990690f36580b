import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../../scripts/test-db.mjs";
import { disconnectPrismaClient } from "../index";

/**
 * Runs `suite` once per database (SQLite, PostgreSQL, MariaDB), each on a fresh migrated
 * database created for this run and dropped afterwards. `url()` is valid inside tests and hooks.
 */
export function describeOnEachDatabase(suite: (provider: string, url: () => string) => void): void {
  for (const provider of TEST_PROVIDERS) {
    describe(provider, () => {
      let db: TestDatabase | undefined;
      beforeAll(async () => {
        db = await createTestDatabase(provider);
      });
      afterAll(async () => {
        if (!db) return;
        await disconnectPrismaClient(db.url);
        await db.drop();
      });
      suite(provider, () => {
        if (!db) throw new Error(`the ${provider} test database is not ready`);
        return db.url;
      });
    });
  }
}
