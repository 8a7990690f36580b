import { createMemoryStores } from "../auth/testing/memory-stores";
import { runSealedSecretStoreContract } from "./sealed-secret-store.contract";

runSealedSecretStoreContract("memory", () => createMemoryStores());
