/**
 * Third-party sign-in through the real route table against a real OpenID Provider, on each real
 * database: SQLite, PostgreSQL and MariaDB, each a fresh database for this run, dropped afterwards.
 */
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeThirdPartyFlows } from "./testing/third-party-flows";
import { realClock } from "./testing/third-party-harness";
import { describeThirdPartyRejections } from "./testing/third-party-rejections";

describeOnEachDatabase((provider, url) => {
  const makeEngine = async (config: Parameters<typeof createTestEngine>[0]) =>
    createTestEngine(config, { stores: createPrismaStores(url()), clock: realClock() });
  describeThirdPartyFlows(`third-party sign-in (${provider}, real OpenID Provider)`, makeEngine);
  describeThirdPartyRejections(`third-party rejections (${provider}, real OpenID Provider)`, makeEngine);
});
