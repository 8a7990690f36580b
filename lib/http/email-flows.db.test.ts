/**
 * Password reset and email verification over HTTP on each real database (SQLite, PostgreSQL,
 * MariaDB), with real email through a loopback SMTP sink.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { describeEmailVerificationFlows } from "./testing/email-verification-flows";
import { describePasswordResetFlows } from "./testing/password-reset-flows";

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

    describePasswordResetFlows(`password reset over HTTP (${provider})`, async (config, wiring) =>
      createTestEngine(config, { ...wiring, stores: createPrismaStores(db.url) }),
    );
    describeEmailVerificationFlows(`email verification over HTTP (${provider})`, async (config, wiring) =>
      createTestEngine(config, { ...wiring, stores: createPrismaStores(db.url) }),
    );
  });
}
