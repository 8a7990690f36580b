/** The RevocationStore contract on SQLite, PostgreSQL and MariaDB. */
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { disconnectPrismaClient, getPrismaClient } from "./index";
import { createPrismaRevocationStore } from "./revocation-store";
import { runRevocationStoreContract } from "./revocation-store.contract";

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
    runRevocationStoreContract(provider, () => createPrismaRevocationStore(() => getPrismaClient(db.url)));
  });
}
