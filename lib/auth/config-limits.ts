/** Rate-limit options of the deployer's config (re-exported by config.ts). */
import { GatehouseError } from "./errors";
import { MAX_LIFETIME_SECONDS } from "./storable-time";

/**
 * At most `points` requests per `durationSeconds`: whole numbers ≥ 1, the window at most
 * 3153600000 s (100 years, the longest lifetime any option takes); refused at start-up otherwise.
 */
export interface RateLimitOptions {
  points: number;
  durationSeconds: number;
}

/**
 * A Redis client for shared rate limits: an `ioredis` client, or a connected `redis` (node-redis
 * v4+) client with `useRedisPackage: true`. The deployer creates, connects and closes it; give
 * ioredis `enableOfflineQueue: false` and `maxRetriesPerRequest: 1` so that an unreachable Redis
 * fails fast (the limits then count in memory) instead of holding requests.
 * @example rateLimits: { store: { redis: new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) } }
 */
export interface RedisRateLimitStore {
  redis: unknown;
  /** Set for a node-redis (`redis` package) client. @default false (ioredis) */
  useRedisPackage?: boolean;
  /**
   * How long a request waits for Redis to answer one rate-limit command, in ms. Past it that
   * count is taken in this instance's memory instead (logged as `rate_limits.store_failed`), as
   * when Redis is down: a connected Redis that stops answering (stalled, or a network path that
   * drops packets) keeps the client "ready", and the clients' own default is to wait forever.
   * @default 1000
   */
  timeoutMs?: number;
}

/**
 * Where rate-limit counts are kept.
 * - `"memory"`: in this process. Right for one instance; N instances allow up to N times a limit.
 * - `"database"`: the `rate_limits` table, shared by every instance on the same database.
 * - `{ redis }`: a Redis server, shared by every instance that uses it.
 *
 * A shared store that fails falls back to counting in memory (and says so in the log), so an
 * outage of the store never turns a request into an error.
 */
export type RateLimitStoreChoice = "memory" | "database" | RedisRateLimitStore;

/**
 * Progressive delay per account: after the n-th failed sign-in of an account (within the
 * `signInFailuresPerAccount` window) its next attempt is refused with 429 until
 * `firstDelaySeconds × 2^(n-1)` seconds have passed, at most `maxDelaySeconds`. A correct
 * sign-in clears it and so does the end of the window, so it never locks an account for longer
 * than `maxDelaySeconds` after the last failure.
 */
export interface SignInFailureDelay {
  /** Wait after the first failure, in seconds. @default 1 */
  firstDelaySeconds?: number;
  /** The longest wait, in seconds. @default 30 */
  maxDelaySeconds?: number;
}

/**
 * A budget of failures per window, with a progressive delay past it rather than a lockout: the
 * first `points` failures within `durationSeconds` pass; from then on each failure holds the next
 * attempt back for `firstDelaySeconds × 2^(n-1)` seconds (the n-th failure past the budget), at
 * most `maxDelaySeconds`, answered 429 with Retry-After. The wait is capped and the window ends
 * by itself, so nobody is locked out for longer than `maxDelaySeconds` at a time.
 */
export interface FailureBudget extends RateLimitOptions {
  /** Wait after the budget is spent, in seconds. @default 1 */
  firstDelaySeconds?: number;
  /** The longest wait, in seconds. @default as the option says */
  maxDelaySeconds?: number;
}

/** A `FailureBudget` with its defaults. */
export type ResolvedFailureBudget = Required<FailureBudget>;

/**
 * Brute-force limits. Limits "per IP" and "per client" count by the client's address, as the
 * `trustedProxy` option makes it out (docs/security.md, "Behind a proxy"); without a known address they are
 * skipped, and the per-account counts fall back to the account alone (shared by every client,
 * the stricter count) while the budget over all clients still holds. No limit locks an account
 * for good: each window ends, waits are capped, and a correct sign-in clears the account's
 * failures.
 */
export interface BruteForceLimits {
  /** Off switch for all of these. @default true */
  enabled?: boolean;
  /**
   * Where the counts live: `"memory"` (each instance counts on its own), `"database"` (shared
   * by every instance through the `rate_limits` table) or `{ redis: client }`.
   * The example config reads `GATEHOUSE_RATE_LIMIT_STORE=database`.
   * @default "memory"
   */
  store?: RateLimitStoreChoice;
  /**
   * Keys one limit holds at most in this process's memory (with `store: "memory"`, and while a
   * shared store is down): a client naming a fresh address per request must not make the process
   * hold any number of them (a key is a few hundred bytes). A full limit forgets the key opened
   * longest ago to make room, and logs `rate_limits.memory_full`: raise it if that line appears
   * without an attack, or count in a shared store.
   * @default 100000
   */
  memoryMaxKeys?: number;
  /**
   * Failed sign-ins per account from one client: keyed by the normalised email (known or not)
   * and the client IP when the request has a trustworthy one, else by the email alone. So one
   * attacker cannot hold the real user, who signs in from elsewhere, out of their account.
   * @default { points: 10, durationSeconds: 900 }
   */
  signInFailuresPerAccount?: RateLimitOptions;
  /**
   * Failed sign-ins per account from all clients together: the ceiling for guessing spread over
   * many addresses. Only an attacker with more addresses than
   * `points / signInFailuresPerAccount.points` can reach it, so its points must be above
   * `signInFailuresPerAccount.points` (checked at start: raising that one may mean raising this).
   * @default { points: 100, durationSeconds: 900 }
   */
  signInFailuresPerAccountAllClients?: RateLimitOptions;
  /**
   * Progressive delay between failed sign-ins of one account; `true` for the defaults.
   * @default false (off)
   * @example signInFailureDelay: { firstDelaySeconds: 1, maxDelaySeconds: 30 }
   */
  signInFailureDelay?: SignInFailureDelay | boolean;
  /**
   * Failed sign-ins from one client address over all accounts: credential stuffing and password
   * spraying from one machine, which no per-account count sees. Past the budget, a progressive
   * delay for that client. Counted only when the client's address is known. `false`: off.
   * @default { points: 100, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 60 }
   */
  signInFailuresPerClient?: FailureBudget | false;
  /**
   * Failed sign-ins over all accounts and all clients together: what still catches a spray when
   * clients cannot be told apart (no proxy declared) or come from many addresses. Past the
   * budget every sign-in waits the progressive delay, so keep it well above the app's normal
   * failures (a small app sees a few dozen in 15 minutes). `false`: off.
   * @default { points: 1000, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 30 }
   */
  signInFailuresGlobal?: FailureBudget | false;
  /**
   * Failed admin-API authentications (`Authorization: Bearer gh_…` with an unknown, revoked or
   * expired key) per client address; clients without a known address share one count. Past the
   * budget the client waits the progressive delay before any key is checked, and the audit log
   * gets one row per failure within the budget and one more (reason `TOO_MANY_FAILURES`, with the
   * count) when the client goes past it, so a flood cannot fill the audit table. `false`: off.
   * @default { points: 10, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 60 }
   */
  adminAuthFailuresPerClient?: FailureBudget | false;
  /** Sign-in attempts per IP, email+password and third-party together. @default { points: 60, durationSeconds: 60 } */
  signInPerIp?: RateLimitOptions;
  /** Sign-ups per IP. @default { points: 20, durationSeconds: 3600 } */
  signUpPerIp?: RateLimitOptions;
  /**
   * Email+password and passkey sign-ups over all clients together, counted for each form that
   * passes its checks (each costs an argon2id hash and, for a new email, an account) and each
   * passkey proven: the ceiling where `signUpPerIp` cannot count (no proxy declared) or a flood
   * comes from many addresses. Once it is spent, those sign-ups get 429 with Retry-After until
   * the window ends, and `sign_up.budget_spent` is logged (warn, once per window). Sign-ins,
   * provider and passwordless sign-ups are never held back by it, so a flood stops new accounts
   * of these two kinds for one window at most. Keep it well above the app's sign-ups at their
   * busiest. `false`: off.
   * @default { points: 1000, durationSeconds: 3600 }
   */
  signUpGlobal?: RateLimitOptions | false;
  /** Email-exists checks per IP. @default { points: 30, durationSeconds: 60 } */
  emailExistsPerIp?: RateLimitOptions;
  /** Refreshes per IP. @default { points: 300, durationSeconds: 60 } */
  refreshPerIp?: RateLimitOptions;
}

type BudgetName = "signInFailuresPerClient" | "signInFailuresGlobal" | "adminAuthFailuresPerClient";

/** `BruteForceLimits` with every default applied. */
export type ResolvedBruteForceLimits = Required<Omit<BruteForceLimits, "signInFailureDelay" | BudgetName>> & {
  signInFailureDelay: Required<SignInFailureDelay> | false;
} & Record<BudgetName, ResolvedFailureBudget | false>;

/** The budgets' defaults (see their TSDoc): chosen so that a small app never meets them in normal use. */
export const FAILURE_BUDGET_DEFAULTS: Record<BudgetName, ResolvedFailureBudget> = {
  signInFailuresPerClient: { points: 100, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 60 },
  signInFailuresGlobal: { points: 1000, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 30 },
  adminAuthFailuresPerClient: { points: 10, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 60 },
};

/**
 * A window every store can count: whole seconds, because Redis floors a window to whole seconds
 * and keeps a key with none left for good (rate-limiter-flexible's "0 never expires": a window
 * under a second never ended there, one of 1.5 s lasted 1 s); at most the longest lifetime,
 * because the database stores a window's end, and one past the year 9999 failed every count
 * (the shared limit then counted in each instance's memory alone).
 */
function isWindow(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_LIFETIME_SECONDS;
}

/**
 * A plain limit, checked: rate-limiter-flexible reads a duration of 0 as "never expires" (one
 * full window would lock the key for good), points below 1 as "refuse every request", and throws
 * on a NaN or negative duration only when the limiter is first used (a 500 at the first request).
 */
export function resolveRateLimit(name: string, option: RateLimitOptions): RateLimitOptions {
  const { points, durationSeconds } = option;
  if (!Number.isInteger(points) || points < 1 || !isWindow(durationSeconds)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `rateLimits.${name} needs whole points ≥ 1 and whole durationSeconds from 1 to ${MAX_LIFETIME_SECONDS}, got ${JSON.stringify(option)}`,
    );
  }
  return { points, durationSeconds };
}

/** A budget with its defaults, or false when off; refuses values that would never count or never wait. */
export function resolveFailureBudget(name: BudgetName, option: FailureBudget | false | undefined): ResolvedFailureBudget | false {
  if (option === false) return false;
  const budget = { ...FAILURE_BUDGET_DEFAULTS[name], ...option };
  const fine =
    Number.isInteger(budget.points) &&
    budget.points >= 1 &&
    isWindow(budget.durationSeconds) &&
    budget.firstDelaySeconds > 0 &&
    budget.maxDelaySeconds >= budget.firstDelaySeconds &&
    budget.maxDelaySeconds <= MAX_LIFETIME_SECONDS;
  if (!fine) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `rateLimits.${name} needs whole points ≥ 1, whole durationSeconds from 1 to ${MAX_LIFETIME_SECONDS} and 0 < firstDelaySeconds ≤ maxDelaySeconds ≤ ${MAX_LIFETIME_SECONDS}, got ${JSON.stringify(option)}`,
    );
  }
  return budget;
}

/** The progressive delay with its defaults, or false when off; refuses nonsense values. */
export function resolveSignInFailureDelay(option: SignInFailureDelay | boolean | undefined): Required<SignInFailureDelay> | false {
  if (option === undefined || option === false) return false;
  const chosen = option === true ? {} : option;
  const delay = { firstDelaySeconds: chosen.firstDelaySeconds ?? 1, maxDelaySeconds: chosen.maxDelaySeconds ?? 30 };
  if (!(delay.firstDelaySeconds > 0) || !(delay.maxDelaySeconds >= delay.firstDelaySeconds) || !(delay.maxDelaySeconds <= MAX_LIFETIME_SECONDS)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `rateLimits.signInFailureDelay needs 0 < firstDelaySeconds ≤ maxDelaySeconds ≤ ${MAX_LIFETIME_SECONDS}, got ${JSON.stringify(option)}`,
    );
  }
  return delay;
}

/** A whole number ≥ 1: a limit that holds no key would refuse every request. */
export function resolveMemoryMaxKeys(option: number | undefined): number {
  const value = option ?? 100_000;
  if (!Number.isInteger(value) || value < 1) {
    throw new GatehouseError("CONFIG_INVALID", `rateLimits.memoryMaxKeys must be a whole number ≥ 1, got ${JSON.stringify(option)}`);
  }
  return value;
}

/** The store choice, checked: a typo must not silently leave a cluster counting per instance. */
export function resolveRateLimitStore(choice: RateLimitStoreChoice | undefined): RateLimitStoreChoice {
  if (choice === undefined || choice === "memory" || choice === "database") return choice ?? "memory";
  if (typeof choice === "object" && choice !== null && "redis" in choice && choice.redis) {
    const { timeoutMs } = choice;
    // Node fires a timer longer than 2^31-1 ms at once: every count would go to memory.
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
      throw new GatehouseError(
        "CONFIG_INVALID",
        `rateLimits.store.timeoutMs must be a number of ms from 1 to 2147483647, got ${JSON.stringify(timeoutMs)}`,
      );
    }
    return choice;
  }
  // An object may hold a client with cycles: name its keys rather than serialise it.
  const got = typeof choice === "object" && choice !== null ? `an object with keys [${Object.keys(choice).join(", ")}]` : shownChoice(choice);
  throw new GatehouseError("CONFIG_INVALID", `rateLimits.store must be "memory", "database" or { redis: client }, got ${got}`);
}

/**
 * A refused store choice as the start-up log may show it. A word (a typo of "database") is shown
 * as written; anything else may be a Redis URL put into GATEHOUSE_RATE_LIMIT_STORE, whose
 * password must not reach the log, so it is described instead.
 */
function shownChoice(choice: unknown): string {
  if (typeof choice === "string" && !/^[\w-]{0,32}$/.test(choice)) return "a value that is not shown (a URL? its password would be in the log)";
  return JSON.stringify(choice);
}

/**
 * Failures from one address count towards both per-account limits, and the address is held
 * back at `signInFailuresPerAccount`: a ceiling over all clients at or under that lets one
 * address reach it, locking the real user, signing in from elsewhere, out of the account.
 */
export function checkAccountLimitsAgree(
  limits: Pick<ResolvedBruteForceLimits, "signInFailuresPerAccount" | "signInFailuresPerAccountAllClients">,
): void {
  const perClient = limits.signInFailuresPerAccount.points;
  const ceiling = limits.signInFailuresPerAccountAllClients.points;
  if (ceiling <= perClient) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `rateLimits.signInFailuresPerAccountAllClients.points (${ceiling}) must be above rateLimits.signInFailuresPerAccount.points (${perClient}): otherwise one address reaches the ceiling and locks the account's owner out`,
    );
  }
}
