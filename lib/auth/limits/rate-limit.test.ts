import { describe, expect, it } from "vitest";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiters } from "../rate-limiters";
import { consumeRateLimit } from "./rate-limit";

/** A limiter whose `consume` rejects with `rejection`, as a store or another bundle's class would. */
function rejecting(rejection: unknown): { rateLimiters: RateLimiters } {
  const limiter = { consume: () => Promise.reject(rejection) } as unknown as RateLimiterAbstract;
  return { rateLimiters: new RateLimiters(() => limiter, "test") };
}

const limit = { points: 1, durationSeconds: 60 };

describe("consumeRateLimit", () => {
  it("recognises a limit reached even when the rejection's class comes from another copy of the library", async () => {
    // Next builds instrumentation and route handlers as separate bundles: a context created in
    // one rejects with its own RateLimiterRes class, which `instanceof` in the other does not know.
    class ForeignRateLimiterRes {
      remainingPoints = 0;
      msBeforeNext = 4_200;
      consumedPoints = 2;
      isFirstInDuration = false;
    }
    expect(await consumeRateLimit(rejecting(new ForeignRateLimiterRes()), "n", limit, "k")).toEqual({
      ok: false,
      retryAfterSeconds: 5,
      consumedPoints: 2,
    });
  });

  it("lets real errors through, even one that carries similar fields", async () => {
    const failure = Object.assign(new Error("store down"), { msBeforeNext: 1, remainingPoints: 0, consumedPoints: 1 });
    await expect(consumeRateLimit(rejecting(failure), "n", limit, "k")).rejects.toThrow("store down");
    await expect(consumeRateLimit(rejecting({ msBeforeNext: "soon" }), "n", limit, "k")).rejects.toEqual({ msBeforeNext: "soon" });
  });
});
