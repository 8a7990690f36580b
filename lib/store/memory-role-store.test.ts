import { createMemoryStores } from "../auth/testing/memory-stores";
import { runRoleStoreContract } from "./role-store.contract";

runRoleStoreContract("memory", () => createMemoryStores());
