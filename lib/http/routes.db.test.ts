/**
 * The HTTP auth flows through the real route table on each real database: SQLite, PostgreSQL
 * and MariaDB, each a fresh database for this run, migrated, and dropped afterwards.
 */
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { describeAuthFlows } from "./testing/auth-flows";
import { describeRoleFlows } from "./testing/role-flows";
import { describeSessionFlows } from "./testing/session-flows";

describeOnEachDatabase((provider, url) => {
  const onDatabase = async (config: Parameters<typeof createTestEngine>[0]) => createTestEngine(config, { stores: createPrismaStores(url()) });
  describeAuthFlows(`auth flows over HTTP (${provider})`, onDatabase);
  describeSessionFlows(`session flows over HTTP (${provider})`, onDatabase);
  describeRoleFlows(`role flows over HTTP (${provider})`, onDatabase);
});
