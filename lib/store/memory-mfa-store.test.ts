import { createMemoryStores } from "../auth/testing/memory-stores";
import { runMfaStoreContract } from "./mfa-store.contract";

runMfaStoreContract("memory", () => createMemoryStores());
