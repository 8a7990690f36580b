import { createMemoryStores } from "../auth/testing/memory-stores";
import { runImportStoreContract } from "./import-store.contract";

runImportStoreContract("memory", () => createMemoryStores());
