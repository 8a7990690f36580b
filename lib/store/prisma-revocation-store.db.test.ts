/** The RevocationStore contract on SQLite, PostgreSQL and MariaDB. */
import { getPrismaClient } from ".";
import { createPrismaRevocationStore } from "./prisma-revocation-store";
import { runRevocationStoreContract } from "./revocation-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => runRevocationStoreContract(provider, () => createPrismaRevocationStore(() => getPrismaClient(url()))));
