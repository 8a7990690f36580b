import type { EngineContext } from "../auth/context";
import type { RateLimitOptions } from "../auth/config";
import { blockRateLimit, consumeRateLimit, peekRateLimit, resetRateLimit, tooManyRequests } from "./rate-limit";
import { requestInfo } from "./request-info";

type IpLimit = "signInPerIp" | "signUpPerIp" | "emailExistsPerIp" | "refreshPerIp";

/** A loopback peer is a proxy on this machine (or a local test), not the client. */
function isLoopback(ip: string): boolean {
  return /^(127\.|::1$|::ffff:127\.|localhost$)/.test(ip);
}

/**
 * Counts a request against a per-IP limit; a 429 response when over it, else null. Without a
 * client address, or with a loopback one (a local proxy that did not pass the client on), there
 * is no trustworthy key, and one shared bucket would let one client lock out everyone, so
 * nothing is counted then (the per-account limit still holds).
 */
export async function limitByIp(ctx: EngineContext, request: Request, name: IpLimit): Promise<Response | null> {
  const limits = ctx.config.rateLimits;
  const ip = requestInfo(request).ip;
  if (!limits.enabled || !ip || isLoopback(ip)) return null;
  const result = await consumeRateLimit(ctx, name, limits[name] as RateLimitOptions, ip);
  return result.ok ? null : tooManyRequests(result.retryAfterSeconds);
}

const ACCOUNT = "signInFailuresPerAccount";
const DELAY = "signInFailureDelay";

/** The wait after the n-th failure: doubling from the first delay, capped. */
export function progressiveDelaySeconds(failures: number, delay: { firstDelaySeconds: number; maxDelaySeconds: number }): number {
  return Math.min(delay.firstDelaySeconds * 2 ** Math.max(0, failures - 1), delay.maxDelaySeconds);
}

/** The delay's own limiter: one point, blocked for the computed wait (its window is the cap). */
function delayLimit(maxDelaySeconds: number): RateLimitOptions {
  return { points: 1, durationSeconds: maxDelaySeconds };
}

/**
 * Failed sign-ins per account, keyed by the normalised email whether or not an account exists,
 * so the limit itself reveals nothing. Checked before the password is verified; counted only on
 * failure; cleared by a success. The window ends by itself: an attacker can slow a victim's
 * sign-in down for at most one window, never lock it for good. With `signInFailureDelay`, each
 * failure also holds the account's next attempt back for a doubling, capped wait.
 */
export const accountSignInLimit = {
  async check(ctx: EngineContext, email: string): Promise<Response | null> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return null;
    const state = await peekRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, email);
    if (!state.ok) return tooManyRequests(state.retryAfterSeconds);
    const delay = limits.signInFailureDelay;
    if (!delay) return null;
    const wait = await peekRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), email);
    return wait.ok ? null : tooManyRequests(wait.retryAfterSeconds);
  },
  async failed(ctx: EngineContext, email: string): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return;
    const counted = await consumeRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, email);
    const delay = limits.signInFailureDelay;
    // Over the limit already: the account's window holds it back; no delay on top.
    if (delay && counted.ok) {
      await blockRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), email, progressiveDelaySeconds(counted.consumedPoints, delay));
    }
  },
  async succeeded(ctx: EngineContext, email: string): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return;
    await resetRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, email);
    const delay = limits.signInFailureDelay;
    if (delay) await resetRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), email);
  },
};
