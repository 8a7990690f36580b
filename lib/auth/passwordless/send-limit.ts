/**
 * The passwordless limits, counted in the engine: a resend names only a device, so the address
 * it goes to (the key of the per-contact limit) is known here and not in lib/http.
 */
import type { RateLimitOptions } from "../config";
import type { EngineContext } from "../context";

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A rejection by a limiter (rate-limiter-flexible rejects with a RateLimiterRes). Recognised by
 * shape, not `instanceof`: the limiter may come from another bundle of the app with its own copy
 * of the class (see lib/http/rate-limit.ts).
 */
function isRejection(value: unknown): value is { msBeforeNext: number } {
  if (typeof value !== "object" || value === null || value instanceof Error) return false;
  const fields = value as Record<string, unknown>;
  return typeof fields.msBeforeNext === "number" && typeof fields.remainingPoints === "number";
}

export async function consumeLimit(ctx: EngineContext, name: string, limit: RateLimitOptions, key: string): Promise<LimitResult> {
  if (!ctx.config.rateLimits.enabled) return { ok: true };
  try {
    await ctx.rateLimiters.limiterFor(name, limit).consume(key);
    return { ok: true };
  } catch (rejection) {
    if (isRejection(rejection)) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    throw rejection;
  }
}
