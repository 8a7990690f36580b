/**
 * A rate limiter counting in this process's memory, with a bound on the keys it holds.
 *
 * Why not RateLimiterMemory. Its keys live until their window ends, each with a timer of its
 * own, and nothing bounds how many there are: a client naming a fresh address per request
 * (password reset, a passwordless code, passkey recovery, sign-in failures per account) makes
 * the process hold one more key per request, for the whole window (an hour for resets), until
 * it runs out of memory. Its timer is also a `setTimeout`, which fires at once past 2^31-1 ms.
 *
 * Here a key's expiry is a time compared with the clock it is given, and expired keys are swept as
 * new ones come (oldest first: the map keeps the order keys were opened, which is within one
 * window of the order they expire). At `maxKeys` live keys, a new key makes room by forgetting
 * the key opened longest ago. That key's count is lost, the price of a bound: to reset one
 * victim's count this way an attacker must open `maxKeys` other keys after it (100,000 requests
 * by default), which buys them one more window's allowance on it. Refusing new keys instead
 * would let the same flood shut the limit, and with it sign-in or reset, for everyone;
 * `onEvicted` tells the log, which says to raise the bound or count in a shared store.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface MemoryLimiterOptions {
  keyPrefix: string;
  points: number;
  /** Seconds in a window. */
  duration: number;
  /** Live keys held at most. */
  maxKeys: number;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Called when a live key was forgotten to make room for a new one. */
  onEvicted?: (keyPrefix: string) => void;
}

/** `lengthMs`: the window's (or the wait's) own length, which no step of the clock may stretch. */
type Entry = { points: number; expiresAt: number; lengthMs: number };

/**
 * Extends RateLimiterMemory only to be a RateLimiterAbstract at run time, which a shared store's
 * insurance limiter must be (the package exports no RateLimiterAbstract): every method used is
 * overridden here, and the parent's own storage stays empty.
 */
export class MemoryLimiter extends RateLimiterMemory {
  private readonly entries = new Map<string, Entry>();
  private readonly maxKeys: number;
  private readonly now: () => number;
  private readonly onEvicted: (keyPrefix: string) => void;
  private lastFullSweepAt = Number.NEGATIVE_INFINITY;

  constructor(options: MemoryLimiterOptions) {
    super({ keyPrefix: options.keyPrefix, points: options.points, duration: options.duration });
    this.maxKeys = options.maxKeys;
    this.now = options.now;
    this.onEvicted = options.onEvicted ?? (() => {});
  }

  /** How many keys are held now (expired ones swept first). */
  size(): number {
    this.sweep(this.now());
    return this.entries.size;
  }

  consume(key: string | number, pointsToConsume = 1): Promise<RateLimiterRes> {
    const res = this.add(key, pointsToConsume, this.duration);
    if (res.consumedPoints <= this.points) return Promise.resolve(res);
    const rlKey = this.getKey(key);
    // Past the limit for the first time: a configured block holds the key for longer.
    if (this.blockDuration > 0 && res.consumedPoints <= this.points + pointsToConsume && this.entries.has(rlKey)) {
      return Promise.reject(this.write(rlKey, res.consumedPoints, this.blockDuration));
    }
    return Promise.reject(res);
  }

  penalty(key: string | number, points = 1): Promise<RateLimiterRes> {
    return Promise.resolve(this.add(key, points, this.duration));
  }

  reward(key: string | number, points = 1): Promise<RateLimiterRes> {
    // Taking points from a key not held cannot make any limit weaker: nothing to write.
    if (!this.live(this.getKey(key))) return Promise.resolve(new RateLimiterRes(this.points, 0, 0, false));
    return Promise.resolve(this.add(key, -points, this.duration));
  }

  block(key: string | number, secDuration: number): Promise<RateLimiterRes> {
    return Promise.resolve(this.write(this.getKey(key), this.points + 1, secDuration));
  }

  set(key: string | number, points: number, secDuration: number): Promise<RateLimiterRes> {
    return Promise.resolve(this.write(this.getKey(key), points, secDuration > 0 ? secDuration : this.duration));
  }

  get(key: string | number): Promise<RateLimiterRes | null> {
    const now = this.now();
    const entry = this.live(this.getKey(key));
    return Promise.resolve(entry ? this.result(entry, now, false) : null);
  }

  delete(key: string | number): Promise<boolean> {
    return Promise.resolve(this.entries.delete(this.getKey(key)));
  }

  /** Adds `points` to the key's count in its window, opening a window for a key not held. */
  private add(key: string | number, points: number, secDuration: number): RateLimiterRes {
    const rlKey = this.getKey(key);
    const entry = this.live(rlKey);
    if (!entry) return this.write(rlKey, points, secDuration);
    entry.points += points;
    return this.result(entry, this.now(), false);
  }

  /** Writes the key's count for a new window of `secDuration`, making room when the limiter is full. */
  private write(rlKey: string, points: number, secDuration: number): RateLimiterRes {
    const now = this.now();
    const lengthMs = Math.max(1, secDuration) * 1000;
    const expiresAt = now + lengthMs;
    this.sweep(now);
    this.entries.delete(rlKey);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size < this.maxKeys) break;
      this.entries.delete(oldest);
      this.onEvicted(this.keyPrefix);
    }
    const entry = { points, expiresAt, lengthMs };
    // Deleted and set again: the map's order stays the order of expiry, which the sweep relies on.
    this.entries.set(rlKey, entry);
    return this.result(entry, now, true);
  }

  private live(rlKey: string): Entry | undefined {
    const entry = this.entries.get(rlKey);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.expiresAt <= now) {
      this.entries.delete(rlKey);
      return undefined;
    }
    // More than its length left: the clock stepped back (NTP) since the window opened. Left as
    // it was, the window (or a wait, which is never to pass `maxDelaySeconds`) grew by the step:
    // an hour's step kept a held-back key, the global sign-in budget's included, for an hour.
    if (entry.expiresAt - now > entry.lengthMs) entry.expiresAt = now + entry.lengthMs;
    return entry;
  }

  /**
   * Drops expired keys from the oldest on, stopping at the first live one: constant work per
   * write, on average. A block shorter than the window can expire behind a live key; when the
   * limiter is full, all are looked at, once a second at most (a full limiter is no CPU lever).
   */
  private sweep(now: number): void {
    const full = this.entries.size >= this.maxKeys && now - this.lastFullSweepAt >= 1000;
    if (full) this.lastFullSweepAt = now;
    for (const [rlKey, entry] of this.entries) {
      if (entry.expiresAt > now) {
        if (full) continue;
        return;
      }
      this.entries.delete(rlKey);
    }
  }

  private result(entry: Entry, now: number, isFirstInDuration: boolean): RateLimiterRes {
    return new RateLimiterRes(Math.max(this.points - entry.points, 0), entry.expiresAt - now, entry.points, isFirstInDuration);
  }
}
