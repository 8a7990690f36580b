/** The audit log over HTTP on SQLite, PostgreSQL and MariaDB, each a fresh database for this run. */
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { describeAuditFlows } from "./testing/audit-flows";

describeOnEachDatabase((provider, url) =>
  describeAuditFlows(`audit log over HTTP (${provider})`, async (config, wiring) =>
    createTestEngine(config, { ...wiring, stores: createPrismaStores(url()) }),
  ),
);
