/** The log lines of a full in-memory limit: one per interval, counting what it left out. */
import { describe, expect, it } from "vitest";
import { memoryRateLimiters } from "./rate-limiters";
import { warningLog } from "./testing/warning-log";

describe("a full in-memory limit", () => {
  it("is logged once per 30 s at most, with the evictions the log left out", async () => {
    const { log, warnings: lines } = warningLog();
    let now = Date.parse("2026-12-06T10:00:00Z");
    const limiters = memoryRateLimiters({ maxKeys: 2, now: () => now, log });
    const limiter = limiters.limiterFor("sign-up", { points: 5, durationSeconds: 3600 });
    // Two keys fill it; each of the next three forgets the oldest.
    for (const key of ["a", "b", "c", "d", "e"]) await limiter.consume(key);
    expect(lines).toEqual([{ event: "rate_limits.memory_full", limit: "sign-up", maxKeys: 2, evictedSinceLastLine: 0 }]);
    now += 29_999;
    await limiter.consume("f");
    expect(lines).toHaveLength(1);
    now += 1;
    await limiter.consume("g");
    expect(lines).toEqual([
      { event: "rate_limits.memory_full", limit: "sign-up", maxKeys: 2, evictedSinceLastLine: 0 },
      { event: "rate_limits.memory_full", limit: "sign-up", maxKeys: 2, evictedSinceLastLine: 3 },
    ]);
  });
});
