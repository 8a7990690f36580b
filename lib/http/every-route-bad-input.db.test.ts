/**
 * The bad-input sweep of every route (testing/bad-input-sweep.ts) on SQLite, PostgreSQL and
 * MariaDB, each a fresh database: what a database refuses (a NUL byte in a string, a value longer
 * than its column) must be a 4xx too, never a 5xx.
 */
import { it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { SWEEP_CONFIG, sweepEveryRoute } from "./testing/bad-input-sweep";

describeOnEachDatabase((provider, url) => {
  it(`every route: bad input never yields a 5xx (${provider})`, async () => {
    await sweepEveryRoute(createTestEngine(SWEEP_CONFIG, { stores: createPrismaStores(url()) }).ctx, 3);
  }, 300_000);
});
