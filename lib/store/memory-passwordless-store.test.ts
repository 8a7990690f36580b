import { createMemoryStores } from "../auth/testing/memory-stores";
import { runPasswordlessStoreContract } from "./passwordless-store.contract";

runPasswordlessStoreContract("memory", () => createMemoryStores());
