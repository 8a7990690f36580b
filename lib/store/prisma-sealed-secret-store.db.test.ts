/** The SealedSecretStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { createPrismaStores } from "./index";
import { runSealedSecretStoreContract } from "./sealed-secret-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runSealedSecretStoreContract(provider, () => createPrismaStores(url())));
