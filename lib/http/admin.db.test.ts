/** The admin API over HTTP on SQLite, PostgreSQL and MariaDB, each a fresh database for this run. */
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { describeAdminFlows } from "./testing/admin-flows";

for (const provider of TEST_PROVIDERS) {
  describe(provider, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(provider);
    });
    afterAll(async () => {
      if (!db) return;
      await disconnectPrismaClient(db.url);
      await db.drop();
    });
    describeAdminFlows(`admin API over HTTP (${provider})`, async (config) => createTestEngine(config, { stores: createPrismaStores(db.url) }));
  });
}
