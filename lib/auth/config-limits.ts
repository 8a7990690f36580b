/** Rate-limit options of the deployer's config (re-exported by config.ts). */
import { GatehouseError } from "./errors";

/** At most `points` requests per `durationSeconds`. */
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
 * Brute-force limits. Per-IP limits use the client address from `X-Forwarded-For` /
 * `X-Real-IP`, so they apply only behind a proxy that sets them (Vercel and most hosts do); the
 * per-account limit always applies. No limit locks an account for good: each window ends, and a
 * correct sign-in clears the account's failures.
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
   * Failed sign-ins per account from one client: keyed by the normalised email (known or not)
   * and the client IP when the request has a trustworthy one, else by the email alone. So one
   * attacker cannot hold the real user, who signs in from elsewhere, out of their account.
   * @default { points: 10, durationSeconds: 900 }
   */
  signInFailuresPerAccount?: RateLimitOptions;
  /**
   * Failed sign-ins per account from all clients together: the ceiling for guessing spread over
   * many addresses. Only an attacker with more addresses than
   * `points / signInFailuresPerAccount.points` can reach it.
   * @default { points: 100, durationSeconds: 900 }
   */
  signInFailuresPerAccountAllClients?: RateLimitOptions;
  /**
   * Progressive delay between failed sign-ins of one account; `true` for the defaults.
   * @default false (off)
   * @example signInFailureDelay: { firstDelaySeconds: 1, maxDelaySeconds: 30 }
   */
  signInFailureDelay?: SignInFailureDelay | boolean;
  /** Sign-in attempts per IP. @default { points: 60, durationSeconds: 60 } */
  signInPerIp?: RateLimitOptions;
  /** Sign-ups per IP. @default { points: 20, durationSeconds: 3600 } */
  signUpPerIp?: RateLimitOptions;
  /** Email-exists checks per IP. @default { points: 30, durationSeconds: 60 } */
  emailExistsPerIp?: RateLimitOptions;
  /** Refreshes per IP. @default { points: 300, durationSeconds: 60 } */
  refreshPerIp?: RateLimitOptions;
}

/** `BruteForceLimits` with every default applied. */
export type ResolvedBruteForceLimits = Required<Omit<BruteForceLimits, "signInFailureDelay">> & {
  signInFailureDelay: Required<SignInFailureDelay> | false;
};

/** The progressive delay with its defaults, or false when off; refuses nonsense values. */
export function resolveSignInFailureDelay(option: SignInFailureDelay | boolean | undefined): Required<SignInFailureDelay> | false {
  if (option === undefined || option === false) return false;
  const chosen = option === true ? {} : option;
  const delay = { firstDelaySeconds: chosen.firstDelaySeconds ?? 1, maxDelaySeconds: chosen.maxDelaySeconds ?? 30 };
  if (!(delay.firstDelaySeconds > 0) || !(delay.maxDelaySeconds >= delay.firstDelaySeconds) || !Number.isFinite(delay.maxDelaySeconds)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `rateLimits.signInFailureDelay needs 0 < firstDelaySeconds ≤ maxDelaySeconds (finite), got ${JSON.stringify(option)}`,
    );
  }
  return delay;
}

/** The store choice, checked: a typo must not silently leave a cluster counting per instance. */
export function resolveRateLimitStore(choice: RateLimitStoreChoice | undefined): RateLimitStoreChoice {
  if (choice === undefined || choice === "memory" || choice === "database") return choice ?? "memory";
  if (typeof choice === "object" && choice !== null && "redis" in choice && choice.redis) return choice;
  // An object may hold a client with cycles: name its keys rather than serialise it.
  const got = typeof choice === "object" && choice !== null ? `an object with keys [${Object.keys(choice).join(", ")}]` : JSON.stringify(choice);
  throw new GatehouseError("CONFIG_INVALID", `rateLimits.store must be "memory", "database" or { redis: client }, got ${got}`);
}
