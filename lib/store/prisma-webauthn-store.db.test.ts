/** The WebauthnStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { createPrismaStores } from "./index";
import { runWebauthnStoreContract } from "./webauthn-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runWebauthnStoreContract(provider, () => createPrismaStores(url())));
