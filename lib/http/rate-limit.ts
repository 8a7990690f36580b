import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitOptions } from "../auth/config";
import { json } from "./respond";

/**
 * Request rate limits, kept in this process's memory (rate-limiter-flexible): each server
 * instance counts on its own, so N instances allow up to N times the limit. One limiter per
 * name and setting, created on first use.
 */
const limiters = new Map<string, RateLimiterMemory>();

function limiterFor(name: string, limit: RateLimitOptions): RateLimiterMemory {
  const id = `${name}:${limit.points}/${limit.durationSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.durationSeconds });
    limiters.set(id, limiter);
  }
  return limiter;
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one request for `key` (a user id, a normalised email, an IP) against the limit. */
export async function consumeRateLimit(name: string, limit: RateLimitOptions, key: string): Promise<RateLimitResult> {
  try {
    await limiterFor(name, limit).consume(key);
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    throw rejection;
  }
}

/**
 * 429 with Retry-After. The body keeps the FDI's GENERAL_ERROR shape so that clients show its
 * message; the HTTP status tells everything else to back off.
 */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return json(
    { status: "GENERAL_ERROR", message: `Too many requests. Please try again in ${retryAfterSeconds} seconds.` },
    429,
    { "Retry-After": String(retryAfterSeconds) },
  );
}

/** Whether `key` is over the limit right now, without counting a request. */
export async function peekRateLimit(name: string, limit: RateLimitOptions, key: string): Promise<RateLimitResult> {
  const state = await limiterFor(name, limit).get(key);
  if (state && state.remainingPoints <= 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
  return { ok: true };
}

/** Forgets `key`'s count (a correct sign-in clears the account's failures). */
export async function resetRateLimit(name: string, limit: RateLimitOptions, key: string): Promise<void> {
  await limiterFor(name, limit).delete(key);
}
