import type { EngineContext } from "../context";
import { delayLimit, failureBudget, progressiveDelaySeconds } from "./failure-budget";
import {
  blockRateLimit,
  consumeRateLimit,
  peekRateLimit,
  refundRateLimit,
  resetRateLimit,
  tooManyAttempts,
  type TooManyAttempts,
} from "./rate-limit";

const ACCOUNT = "signInFailuresPerAccount";
const ALL_CLIENTS = "signInFailuresPerAccountAllClients";
const DELAY = "signInFailureDelay";
const PER_CLIENT = "signInFailuresPerClient";
const GLOBAL = "signInFailuresGlobal";
/** The global budget's one key. */
const EVERYONE = "*";

/**
 * An attempt `check` let through. `fillsLimit`: it took the account's last place (per client, or
 * over all clients), so that if it turns out wrong the account is locked from now on. Each
 * attempt gets its own place, so exactly one attempt per lock says so, even in a parallel burst:
 * the lock is recorded once, and the attempts it then refuses are not recorded one by one.
 */
export interface AdmittedAttempt {
  status: "ADMITTED";
  fillsLimit: boolean;
  /** The failures the filled limit counts (its points); 0 when the attempt fills none. */
  failures: number;
}

const admitted = (failures: number): AdmittedAttempt => ({ status: "ADMITTED", fillsLimit: failures > 0, failures });

/**
 * Failed sign-ins, keyed by the normalised email whether or not an account exists, so that the
 * limit itself reveals nothing. Each attempt takes its place in the account's counts before the
 * password is verified (check), and keeps it only if the password was wrong (failed); a success
 * clears the account's counts (never the budgets below), any other answer gives its place back
 * (notCounted). Only peeked at before the check and counted once found wrong, a burst of parallel
 * guesses was all let through before the first of it was counted: twelve guesses for a limit of
 * three (lib/http/parallel-sign-in-guesses.test.ts). The budgets over all accounts and the
 * delay are still only peeked at: they follow failures, and a burst at one account meets the
 * account's count first. `client` is the client's limit key (client-limits.ts), undefined when
 * its address is unknown.
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
  async check(ctx: EngineContext, account: string, client: string | undefined): Promise<TooManyAttempts | AdmittedAttempt> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return admitted(0);
    const key = clientKey(account, client);
    // Counted, not peeked at: the database (or this process) gives each parallel attempt its
    // own place, and one past the limit is refused, its place given back.
    const state = await consumeRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    if (!state.ok) return refuse(ctx, account, client, { account: true }, state.retryAfterSeconds);
    let fills = state.consumedPoints === limits.signInFailuresPerAccount.points ? state.consumedPoints : 0;
    if (client) {
      const everyone = await consumeRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
      if (!everyone.ok) return refuse(ctx, account, client, { account: true, everyone: true }, everyone.retryAfterSeconds);
      if (everyone.consumedPoints === limits.signInFailuresPerAccountAllClients.points) fills = everyone.consumedPoints;
    }
    const reserved = { account: true, everyone: client !== undefined };
    if (client && limits.signInFailuresPerClient) {
      const held = await failureBudget.check(ctx, PER_CLIENT, limits.signInFailuresPerClient, client);
      if (held) return refuse(ctx, account, client, reserved, held.retryAfterSeconds);
    }
    if (limits.signInFailuresGlobal) {
      const held = await failureBudget.check(ctx, GLOBAL, limits.signInFailuresGlobal, EVERYONE);
      if (held) return refuse(ctx, account, client, reserved, held.retryAfterSeconds);
    }
    const delay = limits.signInFailureDelay;
    if (!delay) return admitted(fills);
    const wait = await peekRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), key);
    return wait.ok ? admitted(fills) : refuse(ctx, account, client, reserved, wait.retryAfterSeconds);
  },
  /** The password was wrong: the place check took stays counted; the budgets and the delay count it too. */
  async failed(ctx: EngineContext, account: string, client: string | undefined): Promise<void> {
    const limits = ctx.config.rateLimits;
    if (!limits.enabled) return;
    const key = clientKey(account, client);
    if (client && limits.signInFailuresPerClient) await failureBudget.failed(ctx, PER_CLIENT, limits.signInFailuresPerClient, client);
    if (limits.signInFailuresGlobal) await failureBudget.failed(ctx, GLOBAL, limits.signInFailuresGlobal, EVERYONE);
    const delay = limits.signInFailureDelay;
    if (!delay) return;
    // This failure's place was within the limit (check refused the others): the delay follows the count.
    const counted = await peekRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, key);
    await blockRateLimit(ctx, DELAY, delayLimit(delay.maxDelaySeconds), key, progressiveDelaySeconds(Math.max(1, counted.consumedPoints), delay));
  },
  /** Neither wrong nor right (a field error, a tenant's refusal): the place check took is given back. */
  async notCounted(ctx: EngineContext, account: string, client: string | undefined): Promise<void> {
    if (!ctx.config.rateLimits.enabled) return;
    await release(ctx, account, client, { account: true, everyone: client !== undefined });
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

/** Gives back the places an attempt took in the account's counts (`reserved` says which). */
async function release(
  ctx: EngineContext,
  account: string,
  client: string | undefined,
  reserved: { account?: boolean; everyone?: boolean },
): Promise<void> {
  const limits = ctx.config.rateLimits;
  if (reserved.account) await refundRateLimit(ctx, ACCOUNT, limits.signInFailuresPerAccount, clientKey(account, client));
  if (reserved.everyone) await refundRateLimit(ctx, ALL_CLIENTS, limits.signInFailuresPerAccountAllClients, account);
}

/** A refused attempt counts nothing: its places are given back, and it answers TOO_MANY_ATTEMPTS. */
async function refuse(
  ctx: EngineContext,
  account: string,
  client: string | undefined,
  reserved: { account?: boolean; everyone?: boolean },
  retryAfterSeconds: number,
): Promise<TooManyAttempts> {
  await release(ctx, account, client, reserved);
  return tooManyAttempts(retryAfterSeconds);
}

/** Without a known address every client shares the account's key (the stricter count). */
function clientKey(account: string, client: string | undefined): string {
  return client ? `${account}\n${client}` : account;
}
