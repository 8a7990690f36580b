import { createMemoryStores } from "../auth/testing/memory-stores";
import { runOrganizationStoreContract } from "./organization-store.contract";

runOrganizationStoreContract("memory", () => createMemoryStores());
