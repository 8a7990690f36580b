/**
 * The HTTP auth flows through the real route table on each real database: SQLite, PostgreSQL
 * and MariaDB, each a fresh database for this run, migrated, and dropped afterwards.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { describeAuthFlows } from "./testing/auth-flows";
import { describeRoleFlows } from "./testing/role-flows";
import { describeSessionFlows } from "./testing/session-flows";

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

    describeAuthFlows(`auth flows over HTTP (${provider})`, async (config) =>
      createTestEngine(config, { stores: createPrismaStores(db.url) }),
    );
    describeSessionFlows(`session flows over HTTP (${provider})`, async (config) =>
      createTestEngine(config, { stores: createPrismaStores(db.url) }),
    );
    describeRoleFlows(`role flows over HTTP (${provider})`, async (config) =>
      createTestEngine(config, { stores: createPrismaStores(db.url) }),
    );
  });
}
