import type { ResolvedFailureBudget } from "../config-limits";
import type { EngineContext } from "../context";
import { blockRateLimit, consumeRateLimit, peekRateLimit, tooManyAttempts, type TooManyAttempts } from "./rate-limit";

type Limiters = Pick<EngineContext, "rateLimiters">;

/** The wait after the n-th failure: doubling from the first delay, capped. */
export function progressiveDelaySeconds(failures: number, delay: { firstDelaySeconds: number; maxDelaySeconds: number }): number {
  return Math.min(delay.firstDelaySeconds * 2 ** Math.max(0, failures - 1), delay.maxDelaySeconds);
}

/** A delay's own limiter: one point, blocked for the computed wait (its window is the cap). */
export function delayLimit(maxDelaySeconds: number) {
  return { points: 1, durationSeconds: maxDelaySeconds };
}

/**
 * A failure budget (lib/auth/config-limits.ts `FailureBudget`) counted through the engine's rate
 * limiters, so that every instance on a shared store shares it. Once `points` failures are spent
 * in the window, each failure blocks the key for a doubling, capped wait; attempts during the
 * wait are refused before anything is checked, so they cost nothing and count nothing. A success
 * clears nothing here: an attacker holding one valid account must not reset their own budget.
 */
export const failureBudget = {
  /** TOO_MANY_ATTEMPTS while `key` waits, else null. */
  async check(ctx: Limiters, name: string, budget: ResolvedFailureBudget, key: string): Promise<TooManyAttempts | null> {
    const wait = await peekRateLimit(ctx, `${name}.delay`, delayLimit(budget.maxDelaySeconds), key);
    return wait.ok ? null : tooManyAttempts(wait.retryAfterSeconds);
  },
  /** Counts a failure of `key`; returns its failures so far in this window, this one included. */
  async failed(ctx: Limiters, name: string, budget: ResolvedFailureBudget, key: string): Promise<number> {
    const counted = await consumeRateLimit(ctx, name, { points: budget.points, durationSeconds: budget.durationSeconds }, key);
    const pastBudget = counted.consumedPoints - budget.points + 1;
    if (pastBudget >= 1) {
      await blockRateLimit(ctx, `${name}.delay`, delayLimit(budget.maxDelaySeconds), key, progressiveDelaySeconds(pastBudget, budget));
    }
    return counted.consumedPoints;
  },
};
