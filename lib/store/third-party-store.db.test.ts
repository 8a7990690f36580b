/** The ThirdPartyStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { createPrismaStores, disconnectPrismaClient } from "./index";
import { runThirdPartyStoreContract } from "./third-party-store.contract";

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
    runThirdPartyStoreContract(provider, () => createPrismaStores(db.url));
  });
}
