/** The admin API over HTTP on SQLite, PostgreSQL and MariaDB, each a fresh database for this run. */
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeAdminFlows } from "./testing/admin-flows";
import { describeAdminImportFlows } from "./testing/admin-import-flows";

describeOnEachDatabase((provider, url) => {
  describeAdminFlows(`admin API over HTTP (${provider})`, async (config) => createTestEngine(config, { stores: createPrismaStores(url()) }));
  describeAdminImportFlows(`admin API, imported users (${provider})`, async (config) =>
    createTestEngine(config, { stores: createPrismaStores(url()) }),
  );
});
