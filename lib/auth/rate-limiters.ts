/**
 * The rate limiters of one engine context (rate-limiter-flexible), counting in this process's
 * memory or in a shared store (database, Redis) chosen by `rateLimits.store`. lib/auth/limits
 * asks the context for a limiter by name; each is created on first use and kept for the
 * context's life.
 */
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimitOptions, RateLimitStoreChoice } from "./config-limits";
import { GatehouseError } from "./errors";
import { MemoryLimiter } from "./limits/memory-limiter";
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

/** How limits count in memory: the keys one limit holds at most, and the clock their windows run on. */
export interface MemoryCounting {
  maxKeys: number;
  /** Milliseconds since the epoch. */
  now: () => number;
  log?: EngineLog;
}

/**
 * `emit(unlogged)` at most once per STORE_ERROR_LOG_INTERVAL_MS by `now`; `unlogged` is how many
 * calls were dropped since the last line (one line per request would flood the log).
 */
function atMostOncePerInterval(now: () => number, emit: (unlogged: number) => void): () => void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let unlogged = 0;
  return () => {
    const at = now();
    if (at - lastLoggedAt < STORE_ERROR_LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    emit(unlogged);
    lastLoggedAt = at;
    unlogged = 0;
  };
}

/** The in-memory limiter maker; a full limit is logged once per interval at most, as a failing store is. */
function memoryLimiterMaker(counting: MemoryCounting): (name: string, limit: RateLimitOptions) => RateLimiterAbstract {
  let fullLimit = "";
  const logFull = atMostOncePerInterval(counting.now, (unlogged) =>
    counting.log?.warn(
      { event: "rate_limits.memory_full", limit: fullLimit, maxKeys: counting.maxKeys, evictedSinceLastLine: unlogged },
      "rate limit full in memory: the oldest keys' counts are forgotten to make room (raise rateLimits.memoryMaxKeys, or count in a shared store)",
    ),
  );
  const onEvicted = (limitName: string) => {
    fullLimit = limitName;
    logFull();
  };
  return (name, limit) =>
    new MemoryLimiter({
      keyPrefix: name,
      points: limit.points,
      duration: limit.durationSeconds,
      maxKeys: counting.maxKeys,
      now: counting.now,
      onEvicted,
    });
}

/** Limiters counting in this process's memory only. */
export function memoryRateLimiters(counting: MemoryCounting): RateLimiters {
  return new RateLimiters(memoryLimiterMaker(counting), "memory");
}

/**
 * Limiters counting in `store`, each insured by an in-memory twin: while the store fails, this
 * instance goes on limiting on its own (as with `"memory"`) and logs a warning, instead of
 * answering 500 or letting everything through.
 */
export function sharedRateLimiters(store: RateLimitStore, log: EngineLog, counting: MemoryCounting): RateLimiters {
  const memoryLimiter = memoryLimiterMaker({ ...counting, log });
  let lastError: unknown;
  const logStoreError = atMostOncePerInterval(Date.now, (unlogged) =>
    log.warn(
      {
        event: "rate_limits.store_failed",
        store: store.kind,
        error: String((lastError as Error)?.message ?? lastError),
        failuresSinceLastLine: unlogged,
      },
      "rate-limit store failed: counting in this instance's memory meanwhile",
    ),
  );
  const onStoreError = (error: unknown) => {
    lastError = error;
    logStoreError();
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
export function rateLimitersFor(
  choice: RateLimitStoreChoice,
  store: RateLimitStore | undefined,
  log: EngineLog,
  counting: Omit<MemoryCounting, "log">,
): RateLimiters {
  if (choice === "memory") return memoryRateLimiters({ ...counting, log });
  if (!store) {
    const wanted = choice === "database" ? "database" : "redis";
    throw new GatehouseError(
      "CONFIG_INVALID",
      `rateLimits.store asks for the ${wanted} but no rate-limit store was passed to createEngineContext (see createRateLimitStore in lib/store)`,
    );
  }
  return sharedRateLimiters(store, log, counting);
}
