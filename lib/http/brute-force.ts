import type { EngineContext } from "../auth/context";
import type { RateLimitOptions } from "../auth/config";
import { consumeRateLimit, peekRateLimit, resetRateLimit, tooManyRequests } from "./rate-limit";
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
  const result = await consumeRateLimit(name, limits[name] as RateLimitOptions, ip);
  return result.ok ? null : tooManyRequests(result.retryAfterSeconds);
}

const ACCOUNT = "signInFailuresPerAccount";

/**
 * Failed sign-ins per account, keyed by the normalised email whether or not an account exists,
 * so the limit itself reveals nothing. Checked before the password is verified; counted only on
 * failure; cleared by a success. The window ends by itself: an attacker can slow a victim's
 * sign-in down for at most one window, never lock it for good.
 */
export const accountSignInLimit = {
  async check(ctx: EngineContext, email: string): Promise<Response | null> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return null;
    const state = await peekRateLimit(ACCOUNT, limits.signInFailuresPerAccount, email);
    return state.ok ? null : tooManyRequests(state.retryAfterSeconds);
  },
  async failed(ctx: EngineContext, email: string): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (limits.enabled) await consumeRateLimit(ACCOUNT, limits.signInFailuresPerAccount, email);
  },
  async succeeded(ctx: EngineContext, email: string): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (limits.enabled) await resetRateLimit(ACCOUNT, limits.signInFailuresPerAccount, email);
  },
};
