/** The store contract on the in-memory stores used by unit tests, so both sides agree. */
import { createMemoryStores } from "../auth/testing/memory-stores";
import { runStoreContract } from "./stores.contract";

runStoreContract("memory", () => createMemoryStores());
