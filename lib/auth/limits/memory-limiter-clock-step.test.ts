/**
 * The process clock stepping back (an NTP correction, a VM resumed from a snapshot) while a key
 * is counted or held back in memory: its window or wait must not grow by the step. The docs
 * promise that every window ends by itself and nobody waits longer than `maxDelaySeconds` at a
 * time; a window opened before a step back of an hour lasted an hour more, and a held-back global
 * sign-in budget (one key for every client) kept all sign-ins at 429 for that hour.
 */
import { describe, expect, it } from "vitest";
import { MemoryLimiter } from "./memory-limiter";

function limiter(points: number) {
  let now = 1_700_000_000_000;
  const made = new MemoryLimiter({ keyPrefix: "test", points, duration: 60, maxKeys: 1_000, now: () => now });
  return { limiter: made, advanceSeconds: (s: number) => void (now += s * 1000) };
}

describe("MemoryLimiter when the clock steps back", () => {
  it("a window already open still ends within its own length", async () => {
    const { limiter: l, advanceSeconds } = limiter(2);
    await l.consume("k");
    await l.consume("k");
    await expect(l.consume("k")).rejects.toMatchObject({ consumedPoints: 3 });
    advanceSeconds(-3600);
    const held = await l.get("k");
    expect(held?.msBeforeNext).toBeLessThanOrEqual(60_000);
    advanceSeconds(60);
    expect(await l.get("k")).toBeNull();
    await expect(l.consume("k")).resolves.toMatchObject({ consumedPoints: 1 });
  });

  it("a wait (block) lasts at most its own length", async () => {
    const { limiter: l, advanceSeconds } = limiter(1);
    await l.block("k", 30);
    advanceSeconds(-3600);
    expect((await l.get("k"))?.msBeforeNext).toBeLessThanOrEqual(30_000);
    advanceSeconds(30);
    expect(await l.get("k")).toBeNull();
  });
});
