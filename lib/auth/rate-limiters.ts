/**
 * The rate limiters of one engine context (rate-limiter-flexible), counting in this process's
 * memory or in a shared store (database, Redis) chosen by `rateLimits.store`. lib/auth/limits
 * asks the context for a limiter by name; each is created on first use and kept for the
 * context's life.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimitOptions, RateLimitStoreChoice } from "./config-limits";
import { GatehouseError } from "./errors";
import type { EngineLog } from "./log";
import type { RateLimitStore } from "./ports/rate-limit-store";

/** One log line per this many ms at most while a store keeps failing (one per request floods). */
const STORE_ERROR_LOG_INTERVAL_MS = 30_000;

export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly create: (name: string, limit: RateLimitOptions) => RateLimiterAbstract,
    /** "memory" or the shared store's kind. */
    readonly kind: string,
  ) {}

  /** The limiter for `name` at this setting (a different setting of the same name is another limiter). */
  limiterFor(name: string, limit: RateLimitOptions): RateLimiterAbstract {
    const id = `${name}:${limit.points}/${limit.durationSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.create(name, limit);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function memoryLimiter(name: string, limit: RateLimitOptions): RateLimiterAbstract {
  return new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.durationSeconds });
}

/** Limiters counting in this process's memory only. */
export function memoryRateLimiters(): RateLimiters {
  return new RateLimiters(memoryLimiter, "memory");
}

/**
 * Limiters counting in `store`, each insured by an in-memory twin: while the store fails, this
 * instance goes on limiting on its own (as with `"memory"`) and logs a warning, instead of
 * answering 500 or letting everything through.
 */
export function sharedRateLimiters(store: RateLimitStore, log: EngineLog): RateLimiters {
  let lastLoggedAt = 0;
  let unlogged = 0;
  const onStoreError = (error: unknown) => {
    const now = Date.now();
    if (now - lastLoggedAt < STORE_ERROR_LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    log.warn(
      {
        event: "rate_limits.store_failed",
        store: store.kind,
        error: String((error as Error)?.message ?? error),
        failuresSinceLastLine: unlogged,
      },
      "rate-limit store failed: counting in this instance's memory meanwhile",
    );
    lastLoggedAt = now;
    unlogged = 0;
  };
  return new RateLimiters(
    (name, limit) =>
      store.createLimiter({
        keyPrefix: name,
        points: limit.points,
        duration: limit.durationSeconds,
        insuranceLimiter: memoryLimiter(name, limit),
        onStoreError,
      }),
    store.kind,
  );
}

/**
 * The limiters `choice` asks for. A shared choice without a store to count in is a wiring
 * mistake of the composition root: refused rather than silently counted per instance.
 */
export function rateLimitersFor(choice: RateLimitStoreChoice, store: RateLimitStore | undefined, log: EngineLog): RateLimiters {
  if (choice === "memory") return memoryRateLimiters();
  if (!store) {
    const wanted = choice === "database" ? "database" : "redis";
    throw new GatehouseError(
      "CONFIG_INVALID",
      `rateLimits.store asks for the ${wanted} but no rate-limit store was passed to createEngineContext (see createRateLimitStore in lib/store)`,
    );
  }
  return sharedRateLimiters(store, log);
}
