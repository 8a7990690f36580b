/** Expired rows deleted by requests on SQLite, PostgreSQL and MariaDB, each a fresh database for this run. */
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { describeExpiredRowsFlows } from "./testing/expired-rows-flows";

describeOnEachDatabase((provider, url) =>
  describeExpiredRowsFlows(`expired rows (${provider})`, async (config, wiring) =>
    createTestEngine(config, { ...wiring, stores: createPrismaStores(url()) }),
  ),
);
