/**
 * Password reset and email verification over HTTP on each real database (SQLite, PostgreSQL,
 * MariaDB), with real email through a loopback SMTP sink.
 */
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeEmailVerificationFlows } from "./testing/email-verification-flows";
import { describePasswordResetFlows } from "./testing/password-reset-flows";

describeOnEachDatabase((provider, url) => {
  describePasswordResetFlows(`password reset over HTTP (${provider})`, async (config, wiring) =>
    createTestEngine(config, { ...wiring, stores: createPrismaStores(url()) }),
  );
  describeEmailVerificationFlows(`email verification over HTTP (${provider})`, async (config, wiring) =>
    createTestEngine(config, { ...wiring, stores: createPrismaStores(url()) }),
  );
});
