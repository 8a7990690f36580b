import { createMemoryStores } from "../auth/testing/memory-stores";
import { runOrganizationMemberIdsContract } from "./organization-member-ids.contract";
import { runOrganizationReadsContract } from "./organization-store-reads.contract";
import { runOrganizationStoreContract } from "./organization-store.contract";

runOrganizationStoreContract("memory", () => createMemoryStores());
runOrganizationReadsContract("memory", () => createMemoryStores());
runOrganizationMemberIdsContract("memory", () => createMemoryStores());
