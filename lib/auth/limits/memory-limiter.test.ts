/**
 * The in-memory limits hold a bounded number of keys and forget each at the end of its window;
 * full, they make room by forgetting the key opened longest ago, never by refusing new ones.
 */
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { MemoryLimiter } from "./memory-limiter";
import { consumeRateLimit, limitAttempt, peekRateLimit } from "./rate-limit";

function limiter(options: { points?: number; duration?: number; maxKeys?: number } = {}) {
  let now = 1_700_000_000_000;
  const evicted: string[] = [];
  const made = new MemoryLimiter({
    keyPrefix: "test",
    points: options.points ?? 1,
    duration: options.duration ?? 60,
    maxKeys: options.maxKeys ?? 1_000,
    now: () => now,
    onEvicted: (name) => void evicted.push(name),
  });
  return { limiter: made, evicted, advanceSeconds: (s: number) => void (now += s * 1000) };
}

const settle = (p: Promise<unknown>) =>
  p.then(
    () => "resolved" as const,
    () => "rejected" as const,
  );

describe("MemoryLimiter", () => {
  it("forgets each key once its window has ended", async () => {
    const { limiter: l, advanceSeconds } = limiter({ duration: 60 });
    for (let i = 0; i < 500; i++) await l.consume(`someone-${i}@example.com`);
    expect(l.size()).toBe(500);
    advanceSeconds(59);
    expect(l.size()).toBe(500);
    advanceSeconds(1);
    await l.consume("one-more@example.com");
    expect(l.size()).toBe(1);
    expect(await l.get("someone-0@example.com")).toBeNull();
  });

  it("holds at most maxKeys keys however many are asked about", async () => {
    const { limiter: l, evicted } = limiter({ maxKeys: 100, points: 5 });
    for (let i = 0; i < 10_000; i++) await settle(l.consume(`someone-${i}@example.com`));
    expect(l.size()).toBe(100);
    expect(evicted.length).toBe(9_900);
  });

  it("full, it forgets the key opened longest ago for a new one, and counts on for the others", async () => {
    const { limiter: l } = limiter({ maxKeys: 2, points: 2 });
    await l.consume("oldest@example.com");
    await l.consume("held@example.com");
    // A new key is counted, as any: a flood of new keys shuts no limit for everyone.
    expect(await l.consume("new@example.com")).toMatchObject({ consumedPoints: 1, remainingPoints: 1 });
    expect(await l.get("oldest@example.com")).toBeNull();
    // The others keep their counts and their limit.
    expect(await l.consume("held@example.com")).toMatchObject({ consumedPoints: 2, remainingPoints: 0 });
    await expect(l.consume("held@example.com")).rejects.toMatchObject({ consumedPoints: 3 });
    await expect(l.consume("new@example.com").then(() => l.consume("new@example.com"))).rejects.toMatchObject({ consumedPoints: 3 });
  });

  it("a key counted again keeps its place: it is forgotten by when it was opened, not by when it was last used", async () => {
    const { limiter: l } = limiter({ maxKeys: 2, points: 10 });
    await l.consume("victim@example.com");
    await l.consume("victim@example.com");
    await l.consume("other@example.com");
    await l.consume("victim@example.com");
    await l.consume("another@example.com");
    expect(await l.get("victim@example.com")).toBeNull();
    expect(await l.get("other@example.com")).toMatchObject({ consumedPoints: 1 });
  });
});

describe("in-memory limits through the engine", () => {
  it("keeps a window longer than a timer can hold (24.8 days)", async () => {
    const { ctx } = createTestEngine();
    const limit = { points: 1, durationSeconds: 30 * 86_400 };
    expect(await limitAttempt(ctx, "long-window", limit, "ada@example.com")).toBeNull();
    // A timer of more than 2^31-1 ms fires at once: give it the chance to.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await limitAttempt(ctx, "long-window", limit, "ada@example.com")).toMatchObject({ status: "TOO_MANY_ATTEMPTS" });
  });

  it("a client asking about any number of addresses leaves at most rateLimits.memoryMaxKeys of them held", async () => {
    const { ctx } = createTestEngine({ rateLimits: { memoryMaxKeys: 50 } });
    const limit = { points: 5, durationSeconds: 3600 };
    const addresses = Array.from({ length: 300 }, (_, i) => `someone-${i}@example.com`);
    for (const address of addresses) expect(await consumeRateLimit(ctx, "password-reset-email", limit, address)).toMatchObject({ ok: true });
    const counts = await Promise.all(addresses.map((a) => peekRateLimit(ctx, "password-reset-email", limit, a)));
    // The last 50 are held, counted once; the older ones were forgotten to make room.
    expect(counts.slice(-50).every((c) => c.ok && c.consumedPoints === 1)).toBe(true);
    expect(counts.slice(0, -50).every((c) => c.ok && c.consumedPoints === 0)).toBe(true);
  });
});
