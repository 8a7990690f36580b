import { createMemoryRevocationStore } from "../auth/testing/memory-revocation-store";
import { runRevocationStoreContract } from "./revocation-store.contract";

runRevocationStoreContract("memory", () => createMemoryRevocationStore());
