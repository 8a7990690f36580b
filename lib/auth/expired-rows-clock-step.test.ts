/**
 * The instance's own clock stepping back (an NTP correction after a start on a wrong clock):
 * the hourly deletion of expired rows must go on, not stop for as long as the step (a year's
 * wrong clock stopped it for a year on that instance), as the revocation set and the key ring
 * already do after such a step (revocation-set-clock-step.test.ts, signing-keys-clock-step.test.ts).
 */
import { describe, expect, it } from "vitest";
import { deleteExpiredRowsIfDue, EXPIRED_ROWS_INTERVAL_MS } from "./expired-rows";
import { createMemoryStores } from "./testing/memory-stores";
import { createTestEngine } from "./testing/test-engine";

function countedRuns() {
  const stores = createMemoryStores();
  const runs: Date[] = [];
  const original = stores.revocations.deleteExpiredRevocations.bind(stores.revocations);
  stores.revocations.deleteExpiredRevocations = (now) => {
    runs.push(now);
    return original(now);
  };
  return { ...createTestEngine({}, { stores }), runs };
}

describe("the hourly deletion of expired rows when this instance's clock steps", () => {
  it("runs once an hour on a steady clock", async () => {
    const { ctx, clock, runs } = countedRuns();
    await deleteExpiredRowsIfDue(ctx);
    clock.advanceSeconds(EXPIRED_ROWS_INTERVAL_MS / 1000 - 1);
    await deleteExpiredRowsIfDue(ctx);
    expect(runs).toHaveLength(1);
    clock.advanceSeconds(1);
    await deleteExpiredRowsIfDue(ctx);
    expect(runs).toHaveLength(2);
  });

  it("runs again within the hour after the clock stepped back a year", async () => {
    const { ctx, clock, runs } = countedRuns();
    await deleteExpiredRowsIfDue(ctx);
    clock.advanceSeconds(-365 * 86_400);
    await deleteExpiredRowsIfDue(ctx);
    expect(runs).toHaveLength(2);
    // And then once an hour again, on the corrected clock.
    await deleteExpiredRowsIfDue(ctx);
    expect(runs).toHaveLength(2);
    clock.advanceSeconds(EXPIRED_ROWS_INTERVAL_MS / 1000);
    await deleteExpiredRowsIfDue(ctx);
    expect(runs).toHaveLength(3);
  });
});
