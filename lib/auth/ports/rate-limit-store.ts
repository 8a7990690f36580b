/** Shared counting for the rate limiters (rate-limiters.ts): a database table or Redis. */
import type { RateLimiterAbstract } from "rate-limiter-flexible";

/** What a shared store needs to build one limiter. */
export interface SharedLimiterOptions {
  /** The limit's name; every instance must use the same one for the same limit. */
  keyPrefix: string;
  points: number;
  /** Window length in seconds. */
  duration: number;
  /** Counts in this instance's memory while the store fails (rate-limiter-flexible's insurance). */
  insuranceLimiter: RateLimiterAbstract;
  /** Called with each failure of the store, before the insurance limiter answers instead. */
  onStoreError: (error: unknown) => void;
}

/** A place shared by every instance where limiters count (lib/store implements it). */
export interface RateLimitStore {
  /** For the log: "database", "redis". */
  readonly kind: string;
  createLimiter(options: SharedLimiterOptions): RateLimiterAbstract;
}
