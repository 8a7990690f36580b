import type { EngineContext } from "../context";
import { delayLimit, failureBudget, progressiveDelaySeconds } from "./failure-budget";
import { blockRateLimit, consumeRateLimit, peekRateLimit, resetRateLimit, tooManyAttempts, type TooManyAttempts } from "./rate-limit";

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
 * failure; a success clears the account's counts (never the budgets below). `client` is the
 * client's limit key (client-limits.ts), undefined when its address is unknown.
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
  async check(ctx: EngineContext, account: string, client: string | undefined): Promise<TooManyAttempts | null> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return null;
    const key = clientKey(account, client);
    const state = await peekRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    if (!state.ok) return tooManyAttempts(state.retryAfterSeconds);
    if (client) {
      const everyone = await peekRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
      if (!everyone.ok) return tooManyAttempts(everyone.retryAfterSeconds);
      if (limits.signInFailuresPerClient) {
        const held = await failureBudget.check(ctx, PER_CLIENT, limits.signInFailuresPerClient, client);
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
    return wait.ok ? null : tooManyAttempts(wait.retryAfterSeconds);
  },
  async failed(ctx: EngineContext, account: string, client: string | undefined): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return;
    const key = clientKey(account, client);
    const counted = await consumeRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    if (client) await consumeRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
    if (client && limits.signInFailuresPerClient) await failureBudget.failed(ctx, PER_CLIENT, limits.signInFailuresPerClient, client);
    if (limits.signInFailuresGlobal) await failureBudget.failed(ctx, GLOBAL, limits.signInFailuresGlobal, EVERYONE);
    const delay = limits.signInFailureDelay;
    // Over the limit already: the account's window holds it back; no delay on top.
    if (delay && counted.ok) {
      await blockRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), key, progressiveDelaySeconds(counted.consumedPoints, delay));
    }
  },
  async succeeded(ctx: EngineContext, account: string, client: string | undefined): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return;
    const key = clientKey(account, client);
    await resetRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    if (client) await resetRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
    const delay = limits.signInFailureDelay;
    if (delay) await resetRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), key);
  },
};

/** Without a known address every client shares the account's key (the stricter count). */
function clientKey(account: string, client: string | undefined): string {
  return client ? `${account}\n${client}` : account;
}
