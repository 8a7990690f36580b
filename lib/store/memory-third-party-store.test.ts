import { createMemoryStores } from "../auth/testing/memory-stores";
import { runThirdPartyStoreContract } from "./third-party-store.contract";

runThirdPartyStoreContract("memory", () => createMemoryStores());
