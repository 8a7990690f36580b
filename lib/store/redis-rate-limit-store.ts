/**
 * Rate limits shared through Redis: rate-limiter-flexible's RateLimiterRedis on the deployer's
 * own client (ioredis, or node-redis with `useRedisPackage`). Redis counts atomically and
 * expires keys by itself, so nothing needs sweeping; keys are hashed like the database store's,
 * so that no email or IP address is kept there either.
 */
import { RateLimiterRedis } from "rate-limiter-flexible";
import type { RedisRateLimitStore } from "../auth/config-limits";
import type { RateLimitStore, SharedLimiterOptions } from "../auth/ports/rate-limit-store";
import { storedRateLimitKey } from "./rate-limit-store-key";

type RedisLimiterInternals = {
  _upsert(rlKey: string, points: number, msDuration: number, forceExpire?: boolean): Promise<unknown>;
  _get(rlKey: string): Promise<unknown>;
  _delete(rlKey: string): Promise<boolean>;
  _isRedisReady(rlKey: string, isReadonly: boolean): boolean;
};
/** RedisRateLimitStore.timeoutMs's default (documented there). */
const DEFAULT_REDIS_TIMEOUT_MS = 1_000;

const redisLimiter = RateLimiterRedis.prototype as unknown as RedisLimiterInternals;

class RedisRateLimiter extends RateLimiterRedis {
  private readonly onStoreError: (error: unknown) => void;
  private readonly timeoutMs: number;

  constructor(options: SharedLimiterOptions, store: RedisRateLimitStore) {
    super({
      storeClient: store.redis,
      useRedisPackage: store.useRedisPackage ?? false,
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.duration,
      insuranceLimiter: options.insuranceLimiter,
      // A disconnected client answers from the insurance limiter at once instead of queueing.
      rejectIfRedisNotReady: true,
    });
    this.onStoreError = options.onStoreError;
    this.timeoutMs = store.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  }

  private reported<T>(operation: () => Promise<T>): Promise<T> {
    // A connected Redis that stops answering leaves the client "ready" and the command waiting
    // without end: past timeoutMs the library counts in its insurance limiter (memory) instead.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    // The library may throw synchronously (client not ready): report that as well.
    return Promise.race([Promise.resolve().then(operation), late])
      .finally(() => clearTimeout(timer))
      .catch((error: unknown) => {
        this.onStoreError(error);
        throw error;
      });
  }

  _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<unknown> {
    return this.reported(() => redisLimiter._upsert.call(this, storedRateLimitKey(this.keyPrefix, rlKey), points, msDuration, forceExpire));
  }

  _get(rlKey: string): Promise<unknown> {
    return this.reported(() => redisLimiter._get.call(this, storedRateLimitKey(this.keyPrefix, rlKey)));
  }

  _delete(rlKey: string): Promise<boolean> {
    return this.reported(() => {
      // The library checks readiness before counting and reading, not before deleting: a reset
      // on a disconnected client would wait in its offline queue instead of failing over.
      if (!redisLimiter._isRedisReady.call(this, rlKey, false)) throw new Error("Redis connection is not ready");
      return redisLimiter._delete.call(this, storedRateLimitKey(this.keyPrefix, rlKey));
    });
  }
}

/** Rate limits in the Redis server behind `store.redis`. */
export function createRedisRateLimitStore(store: RedisRateLimitStore): RateLimitStore {
  return { kind: "redis", createLimiter: (options) => new RedisRateLimiter(options, store) };
}
