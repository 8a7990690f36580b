import { RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitOptions } from "../config";
import type { EngineContext } from "../context";

/**
 * Counting against named limits (rate-limiter-flexible). The limiters come from the engine
 * context, which counts in this process's memory or in a store shared by every instance, as
 * `rateLimits.store` says (lib/auth/rate-limiters.ts; the shared stores live in lib/store). The
 * name prefixes the counted key.
 */
type LimiterSource = Pick<EngineContext, "rateLimiters">;

/** `consumedPoints`: the key's count in this window, this request included (it goes on past the limit). */
export type RateLimitResult = { ok: true; consumedPoints: number } | { ok: false; retryAfterSeconds: number; consumedPoints: number };

/**
 * The engine's answer when a limit holds the attempt back: lib/http sends 429 with Retry-After.
 * Returned before anything is checked, so a held-back attempt reveals nothing and costs nothing.
 */
export interface TooManyAttempts {
  status: "TOO_MANY_ATTEMPTS";
  /** Whole seconds, at least one. */
  retryAfterSeconds: number;
}

export function tooManyAttempts(retryAfterSeconds: number): TooManyAttempts {
  return { status: "TOO_MANY_ATTEMPTS", retryAfterSeconds };
}

function retryAfter(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/**
 * A rejection by a limiter: rate-limiter-flexible rejects with a RateLimiterRes. Not checked
 * with `instanceof` alone: the engine context (and its limiters) may be built in another bundle
 * of the app (Next's instrumentation creates it first), whose copy of the class is a different
 * object, and a limited request then became a 500.
 */
function isRateLimiterRejection(value: unknown): value is Pick<RateLimiterRes, "msBeforeNext" | "consumedPoints"> {
  if (value instanceof RateLimiterRes) return true;
  if (typeof value !== "object" || value === null || value instanceof Error) return false;
  const fields = value as Record<string, unknown>;
  return typeof fields.msBeforeNext === "number" && typeof fields.remainingPoints === "number" && typeof fields.consumedPoints === "number";
}

/** Counts one request for `key` (a user id, a normalised email, an IP) against the limit. */
export async function consumeRateLimit(ctx: LimiterSource, name: string, limit: RateLimitOptions, key: string): Promise<RateLimitResult> {
  try {
    const state = await ctx.rateLimiters.limiterFor(name, limit).consume(key);
    return { ok: true, consumedPoints: state.consumedPoints };
  } catch (rejection) {
    if (isRateLimiterRejection(rejection))
      return { ok: false, retryAfterSeconds: retryAfter(rejection.msBeforeNext), consumedPoints: rejection.consumedPoints };
    throw rejection;
  }
}

/** Counts one request for `key`; TOO_MANY_ATTEMPTS past the limit, else null. */
export async function limitAttempt(ctx: LimiterSource, name: string, limit: RateLimitOptions, key: string): Promise<TooManyAttempts | null> {
  const result = await consumeRateLimit(ctx, name, limit, key);
  return result.ok ? null : tooManyAttempts(result.retryAfterSeconds);
}

/** Whether `key` is over the limit right now, without counting a request. */
export async function peekRateLimit(ctx: LimiterSource, name: string, limit: RateLimitOptions, key: string): Promise<RateLimitResult> {
  const state = await ctx.rateLimiters.limiterFor(name, limit).get(key);
  if (state && state.remainingPoints <= 0)
    return { ok: false, retryAfterSeconds: retryAfter(state.msBeforeNext), consumedPoints: state.consumedPoints };
  return { ok: true, consumedPoints: state?.consumedPoints ?? 0 };
}

/** Puts `key` over the limit for `seconds` from now, whatever its count (a progressive delay). */
export async function blockRateLimit(ctx: LimiterSource, name: string, limit: RateLimitOptions, key: string, seconds: number): Promise<void> {
  // Whole seconds, at least one: Redis drops fractions, and a block of 0 s would never expire there.
  await ctx.rateLimiters.limiterFor(name, limit).block(key, Math.max(1, Math.ceil(seconds)));
}

/**
 * Takes one counted request of `key` back (an attempt that turned out not to count), only while
 * its window lasts: given to a window that has ended, the point would open the next one below
 * zero. The memory and database stores check that themselves; this look narrows it for Redis.
 */
export async function refundRateLimit(ctx: LimiterSource, name: string, limit: RateLimitOptions, key: string): Promise<void> {
  const limiter = ctx.rateLimiters.limiterFor(name, limit);
  if (!(await limiter.get(key))) return;
  await limiter.reward(key, 1);
}

/** Forgets `key`'s count (a correct sign-in clears the account's failures). */
export async function resetRateLimit(ctx: LimiterSource, name: string, limit: RateLimitOptions, key: string): Promise<void> {
  await ctx.rateLimiters.limiterFor(name, limit).delete(key);
}
