/** The MfaStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { createPrismaStores } from "./index";
import { runMfaStoreContract } from "./mfa-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runMfaStoreContract(provider, () => createPrismaStores(url())));
