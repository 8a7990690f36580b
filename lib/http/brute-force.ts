import type { EngineContext } from "../auth/context";
import type { RateLimitOptions } from "../auth/config";
import { clientAddress, limitKeyOf } from "./client-address";
import { delayLimit, failureBudget, progressiveDelaySeconds } from "./failure-budget";
import { blockRateLimit, consumeRateLimit, peekRateLimit, resetRateLimit, tooManyRequests } from "./rate-limit";

export { progressiveDelaySeconds };

type IpLimit = "signInPerIp" | "signUpPerIp" | "emailExistsPerIp" | "refreshPerIp";

/**
 * The key limits count the request's client by (its address by the one rule, client-address.ts;
 * an IPv6 address by its /64), else undefined. A loopback address is an address like any other:
 * it only comes out of the rule when a declared proxy vouched for it.
 */
export function limitedClient(ctx: Pick<EngineContext, "config">, request: Request): string | undefined {
  const address = clientAddress(request, ctx.config.trustedProxy);
  return address === null ? undefined : limitKeyOf(address);
}

/**
 * Counts a request against a per-IP limit; a 429 response when over it, else null. Without a
 * known address nothing is counted here: one bucket shared by every client would let any one of
 * them deny sign-up and refresh to everyone. Sign-in does not depend on it: the per-account
 * counts (then shared by all clients) and the budget over all clients hold whatever the address.
 */
export async function limitByIp(ctx: EngineContext, request: Request, name: IpLimit): Promise<Response | null> {
  const limits = ctx.config.rateLimits;
  const ip = limitedClient(ctx, request);
  if (!limits.enabled || !ip) return null;
  const result = await consumeRateLimit(ctx, name, limits[name] as RateLimitOptions, ip);
  return result.ok ? null : tooManyRequests(result.retryAfterSeconds);
}

const ACCOUNT = "signInFailuresPerAccount";
const ALL_CLIENTS = "signInFailuresPerAccountAllClients";
const DELAY = "signInFailureDelay";
const PER_CLIENT = "signInFailuresPerClient";
const GLOBAL = "signInFailuresGlobal";
/** The global budget's one key. */
const EVERYONE = "*";

/**
 * Failed sign-ins, keyed by the normalised email whether or not an account exists, so that the
 * limit itself reveals nothing. Checked before the password is verified; counted only on
 * failure; a success clears the account's counts (never the budgets below).
 * - Per account and client (the client's address when known, else the account alone, shared by
 *   every client: the stricter count), and per account over all clients with a higher ceiling.
 *   An attacker at one address slows only their own guesses, never the real user elsewhere.
 * - With `signInFailureDelay`, each failure also holds that client's next attempt for the
 *   account back for a doubling, capped wait.
 * - Budgets over all accounts (credential stuffing, password spraying: one guess per account
 *   meets no per-account limit): per client address when known, and one over every client,
 *   which is what still catches a spray from clients that cannot be told apart. Past a budget,
 *   a progressive delay (failure-budget.ts), never a lockout.
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
      if (limits.signInFailuresPerClient) {
        const held = await failureBudget.check(ctx, PER_CLIENT, limits.signInFailuresPerClient, clientIp);
        if (held) return held;
      }
    }
    if (limits.signInFailuresGlobal) {
      const held = await failureBudget.check(ctx, GLOBAL, limits.signInFailuresGlobal, EVERYONE);
      if (held) return held;
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
    if (clientIp && limits.signInFailuresPerClient) await failureBudget.failed(ctx, PER_CLIENT, limits.signInFailuresPerClient, clientIp);
    if (limits.signInFailuresGlobal) await failureBudget.failed(ctx, GLOBAL, limits.signInFailuresGlobal, EVERYONE);
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

/** Without a known address every client shares the account's key (the stricter count). */
function clientKey(account: string, clientIp: string | undefined): string {
  return clientIp ? `${account}\n${clientIp}` : account;
}
