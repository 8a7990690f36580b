import { createMemoryStores } from "../auth/testing/memory-stores";
import { runWebauthnStoreContract } from "./webauthn-store.contract";

runWebauthnStoreContract("memory", () => createMemoryStores());
