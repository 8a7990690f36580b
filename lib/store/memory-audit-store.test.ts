import { createMemoryStores } from "../auth/testing/memory-stores";
import { runAuditStoreContract } from "./audit-store.contract";

runAuditStoreContract("memory", () => createMemoryStores());
