/** The OrganizationStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { createPrismaStores } from "./index";
import { runOrganizationMemberIdsContract } from "./organization-member-ids.contract";
import { runOrganizationReadsContract } from "./organization-store-reads.contract";
import { runOrganizationStoreContract } from "./organization-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => {
  runOrganizationStoreContract(provider, () => createPrismaStores(url()));
  runOrganizationReadsContract(provider, () => createPrismaStores(url()));
  runOrganizationMemberIdsContract(provider, () => createPrismaStores(url()));
});
