/** The ThirdPartyStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { createPrismaStores } from ".";
import { describeOnEachDatabase } from "./testing/each-database";
import { runThirdPartyStoreContract } from "./third-party-store.contract";

describeOnEachDatabase((provider, url) => runThirdPartyStoreContract(provider, () => createPrismaStores(url())));
