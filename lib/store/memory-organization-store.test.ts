import { createMemoryStores } from "../auth/testing/memory-stores";
import { runOrganizationReadsContract } from "./organization-store-reads.contract";
import { runOrganizationStoreContract } from "./organization-store.contract";

runOrganizationStoreContract("memory", () => createMemoryStores());
runOrganizationReadsContract("memory", () => createMemoryStores());
