/** The PasswordlessStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { createPrismaStores } from "./index";
import { runPasswordlessStoreContract } from "./passwordless-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runPasswordlessStoreContract(provider, () => createPrismaStores(url())));
