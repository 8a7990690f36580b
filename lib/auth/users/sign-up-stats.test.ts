import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine } from "../testing/test-engine";
import { getSignUpsPerDay, MAX_SIGN_UP_STATS_DAYS } from "./users";

/**
 * getSignUpsPerDay makes one count query per day, all at once, and one entry per day: `days` is
 * bounded (1 to 366), since a deployer's page may hand it a query string's number unchecked. Out
 * of bounds, 367 days made 367 queries, 0 or -5 answered an empty chart, and Infinity failed with
 * a RangeError from deep inside.
 */
describe("getSignUpsPerDay's days", () => {
  function engineCountingQueries() {
    const stores = createMemoryStores();
    let queries = 0;
    const count = stores.userAdmin.countUsersJoinedBetween.bind(stores.userAdmin);
    stores.userAdmin.countUsersJoinedBetween = (from, to) => (queries++, count(from, to));
    const { ctx } = createTestEngine({}, { stores });
    return { ctx, queries: () => queries };
  }

  it("reads from 1 to 366 days, one entry each, today last", async () => {
    const { ctx } = engineCountingQueries();
    expect(MAX_SIGN_UP_STATS_DAYS).toBe(366);
    expect(await getSignUpsPerDay(ctx, 1)).toEqual([{ day: "2026-01-01", count: 0 }]);
    const year = await getSignUpsPerDay(ctx, 366);
    expect(year).toHaveLength(366);
    expect([year[0].day, year.at(-1)!.day]).toEqual(["2025-01-01", "2026-01-01"]);
  });

  it.each([367, 10_000, 0, -5, 1.5, NaN, Infinity])("refuses %s days with INVALID_ARGUMENT, before any query", async (days) => {
    const { ctx, queries } = engineCountingQueries();
    await expect(getSignUpsPerDay(ctx, days)).rejects.toMatchObject({
      name: "GatehouseError",
      code: "INVALID_ARGUMENT",
      message: `getSignUpsPerDay: days must be a whole number from 1 to 366, got ${days}`,
    });
    expect(queries()).toBe(0);
  });
});
