import { createMemoryStores } from "../auth/testing/memory-stores";
import { runApiKeyStoreContract } from "./api-key-store.contract";
import { runUserAdminStoreContract } from "./user-admin-store.contract";

runUserAdminStoreContract("memory", () => createMemoryStores());
runApiKeyStoreContract("memory", () => createMemoryStores());
