/** The AuditStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { runAuditStoreContract } from "./audit-store.contract";
import { createPrismaStores } from ".";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runAuditStoreContract(provider, () => createPrismaStores(url())));
