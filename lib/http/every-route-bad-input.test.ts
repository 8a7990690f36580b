/**
 * Every route of the auth API gets malformed and random input, with and without a session or an
 * admin API key, on in-memory stores: never a 5xx, never a stack (testing/bad-input-sweep.ts).
 * every-route-bad-input.db.test.ts runs the same sweep on SQLite, PostgreSQL and MariaDB.
 */
import { describe, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { SWEEP_CONFIG, sweepEveryRoute } from "./testing/bad-input-sweep";

describe("every route: bad input never yields a 5xx", () => {
  it("malformed bodies, random JSON and odd query strings, with and without a session or an API key", async () => {
    await sweepEveryRoute(createTestEngine(SWEEP_CONFIG).ctx, 20);
  }, 120_000);
});
