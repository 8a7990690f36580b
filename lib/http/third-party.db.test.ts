/**
 * Third-party sign-in through the real route table against a real OpenID Provider, on each real
 * database: SQLite, PostgreSQL and MariaDB, each a fresh database for this run, dropped afterwards.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { describeThirdPartyFlows } from "./testing/third-party-flows";
import { realClock } from "./testing/third-party-harness";
import { describeThirdPartyRejections } from "./testing/third-party-rejections";

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
    const makeEngine = async (config: Parameters<typeof createTestEngine>[0]) => createTestEngine(config, { stores: createPrismaStores(db.url), clock: realClock() });
    describeThirdPartyFlows(`third-party sign-in (${provider}, real OpenID Provider)`, makeEngine);
    describeThirdPartyRejections(`third-party rejections (${provider}, real OpenID Provider)`, makeEngine);
  });
}
