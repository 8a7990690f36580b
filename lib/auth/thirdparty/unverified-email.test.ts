/** The unverified-email squatting scenarios on memory stores (on every database: lib/store/unverified-email.db.test.ts). */
import { createMemoryStores } from "../testing/memory-stores";
import { runUnverifiedEmailScenarios } from "../testing/unverified-email-scenarios";

runUnverifiedEmailScenarios("memory", () => createMemoryStores());
