import type { EngineContext } from "../auth/context";
import type { RateLimitOptions } from "../auth/config";
import { blockRateLimit, consumeRateLimit, peekRateLimit, resetRateLimit, tooManyRequests } from "./rate-limit";
import { requestInfo } from "./request-info";

type IpLimit = "signInPerIp" | "signUpPerIp" | "emailExistsPerIp" | "refreshPerIp";

/** A loopback peer is a proxy on this machine (or a local test), not the client. */
function isLoopback(ip: string): boolean {
  return /^(127\.|::1$|::ffff:127\.|localhost$)/.test(ip);
}

/** The client's address when the request carries a trustworthy one (see limitByIp), else undefined. */
export function trustedClientIp(request: Request): string | undefined {
  const ip = requestInfo(request).ip;
  return ip && !isLoopback(ip) ? ip : undefined;
}

/**
 * Counts a request against a per-IP limit; a 429 response when over it, else null. Without a
 * client address, or with a loopback one (a local proxy that did not pass the client on), there
 * is no trustworthy key, and one shared bucket would let one client lock out everyone, so
 * nothing is counted then (the per-account limit still holds).
 */
export async function limitByIp(ctx: EngineContext, request: Request, name: IpLimit): Promise<Response | null> {
  const limits = ctx.config.rateLimits;
  const ip = trustedClientIp(request);
  if (!limits.enabled || !ip) return null;
  const result = await consumeRateLimit(ctx, name, limits[name] as RateLimitOptions, ip);
  return result.ok ? null : tooManyRequests(result.retryAfterSeconds);
}

const ACCOUNT = "signInFailuresPerAccount";
const ALL_CLIENTS = "signInFailuresPerAccountAllClients";
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
 * failure; cleared by a success. Two counts: per account and client (the client's IP when the
 * request has a trustworthy one), and per account over all clients with a higher ceiling. So an
 * attacker at one address slows only their own guesses, never the real user elsewhere; only
 * guessing spread over many addresses reaches the shared ceiling, and each window ends by itself.
 * With `signInFailureDelay`, each failure also holds that client's next attempt for the account
 * back for a doubling, capped wait.
 */
export const accountSignInLimit = {
  async check(ctx: EngineContext, account: string, clientIp: string | undefined): Promise<Response | null> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return null;
    const key = clientKey(account, clientIp);
    const state = await peekRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    if (!state.ok) return tooManyRequests(state.retryAfterSeconds);
    if (clientIp) {
      const everyone = await peekRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
      if (!everyone.ok) return tooManyRequests(everyone.retryAfterSeconds);
    }
    const delay = limits.signInFailureDelay;
    if (!delay) return null;
    const wait = await peekRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), key);
    return wait.ok ? null : tooManyRequests(wait.retryAfterSeconds);
  },
  async failed(ctx: EngineContext, account: string, clientIp: string | undefined): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return;
    const key = clientKey(account, clientIp);
    const counted = await consumeRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    if (clientIp) await consumeRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
    const delay = limits.signInFailureDelay;
    // Over the limit already: the account's window holds it back; no delay on top.
    if (delay && counted.ok) {
      await blockRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), key, progressiveDelaySeconds(counted.consumedPoints, delay));
    }
  },
  async succeeded(ctx: EngineContext, account: string, clientIp: string | undefined): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return;
    const key = clientKey(account, clientIp);
    await resetRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    if (clientIp) await resetRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
    const delay = limits.signInFailureDelay;
    if (delay) await resetRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), key);
  },
};

/** Without a trustworthy address every client shares the account's key (the stricter count). */
function clientKey(account: string, clientIp: string | undefined): string {
  return clientIp ? `${account}\n${clientIp}` : account;
}
