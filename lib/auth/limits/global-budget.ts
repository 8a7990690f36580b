/**
 * A budget over all clients together: one count that every request shares. It is the ceiling
 * where no per-client limit can count (client addresses are known only behind a declared
 * proxy, `trustedProxy`) and per-recipient limits hold one recipient, not the next: what
 * bounds how many fresh addresses or numbers anyone can make the app mail or text.
 */
import type { RateLimitOptions } from "../config";
import type { EngineContext } from "../context";
import { consumeRateLimit, peekRateLimit, tooManyAttempts, type TooManyAttempts } from "./rate-limit";

/** Everyone shares one count. */
const EVERYONE = "all";

/** What to log, once per window, when the budget is first spent. */
export interface SpentBudgetLine {
  event: string;
  message: string;
}

/**
 * Counts one request against `budget` (false: off); TOO_MANY_ATTEMPTS once it is spent, else
 * null. The first refusal of a window logs `spent` as a warning.
 */
export async function limitGlobally(
  ctx: Pick<EngineContext, "config" | "log" | "rateLimiters">,
  name: string,
  budget: RateLimitOptions | false,
  spent: SpentBudgetLine,
): Promise<TooManyAttempts | null> {
  if (!ctx.config.rateLimits.enabled || budget === false) return null;
  const counted = await consumeRateLimit(ctx, name, budget, EVERYONE);
  if (counted.ok) return null;
  // The count goes on past the budget: the request just past it is the window's first refusal.
  if (counted.consumedPoints === budget.points + 1) {
    ctx.log.warn(
      { event: spent.event, points: budget.points, durationSeconds: budget.durationSeconds, retryAfterSeconds: counted.retryAfterSeconds },
      spent.message,
    );
  }
  return tooManyAttempts(counted.retryAfterSeconds);
}

/** Whether `budget` is spent right now (TOO_MANY_ATTEMPTS), without counting a request; null while it is not, or is off. */
export async function peekGlobally(
  ctx: Pick<EngineContext, "config" | "rateLimiters">,
  name: string,
  budget: RateLimitOptions | false,
): Promise<TooManyAttempts | null> {
  if (!ctx.config.rateLimits.enabled || budget === false) return null;
  const state = await peekRateLimit(ctx, name, budget, EVERYONE);
  return state.ok ? null : tooManyAttempts(state.retryAfterSeconds);
}
