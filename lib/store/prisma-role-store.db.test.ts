/** The RoleStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { createPrismaStores } from ".";
import { runRoleStoreContract } from "./role-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runRoleStoreContract(provider, () => createPrismaStores(url())));
