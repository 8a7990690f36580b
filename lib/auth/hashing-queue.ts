/**
 * Password hashing takes turns, so that it never holds every thread of libuv's pool.
 *
 * argon2id (and the bcrypt and scrypt hashes an import keeps) runs on libuv's thread pool, 10 to
 * 50 ms a hash. The same pool syncs SQLite's commits (lib/store/sqlite-group-commit.ts), signs
 * RS256 access tokens and reads files. Left to itself, a burst of sign-ins (or a credential-stuffing
 * run) fills every thread with hashes, and each refresh's durable commit and signature waits behind
 * them. Nor do more hashes than cores hash any faster: they share the cores, evict each other's
 * 19 MiB from the caches, and leave the main thread, which answers every request, a smaller share.
 * So hashes hold at most one thread fewer than the pool has, and no more than the cores; the
 * others wait here, in arrival order, as they would have waited in libuv's queue.
 */
import { availableParallelism } from "node:os";
import pLimit from "p-limit";

/** libuv's own default. */
const DEFAULT_THREAD_POOL_SIZE = 4;
/** libuv's cap (MAX_THREADPOOL_SIZE). */
const MAX_THREAD_POOL_SIZE = 1024;

/**
 * The size of libuv's thread pool, read from `UV_THREADPOOL_SIZE` as libuv reads it when the pool
 * starts: the leading integer, 0 (or none) counting as 1, a negative or larger value as the cap.
 *
 * @default 4 (UV_THREADPOOL_SIZE unset)
 */
export function threadPoolSize(value = process.env.UV_THREADPOOL_SIZE): number {
  if (value === undefined) return DEFAULT_THREAD_POOL_SIZE;
  const size = Number.parseInt(value, 10);
  if (!Number.isFinite(size) || size === 0) return 1;
  if (size < 0 || size > MAX_THREAD_POOL_SIZE) return MAX_THREAD_POOL_SIZE;
  return size;
}

/**
 * How many hashes may run at once: all but one of the pool's threads, no more than the cores,
 * and at least one.
 */
export function hashingLimit(poolSize = threadPoolSize(), cores = availableParallelism()): number {
  return Math.max(1, Math.min(poolSize - 1, cores));
}

const limit = pLimit(hashingLimit());

/**
 * Runs `hashing` (one password hash or verification) once fewer than `hashingLimit()` are
 * running. Never call it from inside work it runs: that work would wait for its own turn.
 */
export function queueHashing<T>(hashing: () => Promise<T>): Promise<T> {
  return limit(hashing);
}

/** The hashes running and waiting now: for tests and diagnostics. */
export const hashingQueue = {
  get running(): number {
    return limit.activeCount;
  },
  get waiting(): number {
    return limit.pendingCount;
  },
};
