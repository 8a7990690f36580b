import type { AccessTokenClaims } from "./access-token-claims";

/**
 * Access tokens this process has already verified, so that the same token presented again (a
 * browser sends one token with every request for up to an hour) costs a map lookup instead of
 * a signature check. Held by the SigningKeyRing; used by `verifyAccessToken` only.
 *
 * Why a hit is as good as a fresh verification:
 * - A hit requires the exact token string (the map's key is only its tail; the entry holds the
 *   whole token). Verification is a pure function of those bytes, the key set, the pinned
 *   issuer and audience, and the clock, so the same bytes get the same verdict while those
 *   hold. A token differing in a single byte (header, payload or signature) misses and takes
 *   the full path: the cache can only repeat a "yes" that jose gave to these bytes.
 * - Time: an entry is valid until the token's `exp` and never past its key's `verifyUntil`,
 *   the two instants at which the full path would start to refuse it (EXPIRED, UNKNOWN_KEY).
 *   At or after that instant the entry is dropped and the token goes through jose again.
 * - Keys: the ring clears the cache whenever a reload finds a key gone or its window shortened
 *   (retirement, here or on another instance), and callers skip the cache while the key set is
 *   due its periodic re-read, so a retirement elsewhere still reaches this instance within the
 *   ring's reload interval, as without the cache.
 * - Issuer and audience (`pins`): stored with the entry and compared, so one ring serving two
 *   issuers or audiences cannot mix them.
 * - Revocation is unchanged: verification is database-free with or without the cache, and
 *   `checkDatabase` reads the session row after this step.
 * - Only tokens that verified are stored (each one a real session's), so nobody can fill it
 *   with garbage; it is bounded in entries and in token length, oldest entry out first (tokens
 *   share one TTL, so the oldest is the nearest to expiry).
 * - Claims are frozen (deeply), since every hit hands out the same object.
 */
export class VerifiedTokenCache {
  /**
   * Keyed by the token's last characters (its signature's last 256 bits): hashing a whole
   * 600-character token for the map cost about a microsecond per request, more than the rest
   * of a hit. The entry holds the whole token and a hit requires it exactly, so two tokens that
   * share a tail only miss, and the later one takes the slot.
   */
  private readonly entries = new Map<string, { token: string; claims: AccessTokenClaims; pins: string; validUntil: number }>();

  constructor(
    /** 0 turns the cache off. */
    private readonly maxEntries = 10_000,
    /** Longer tokens are verified every time rather than held (bounds memory at ~40 MB). */
    private readonly maxTokenLength = 4096,
  ) {}

  get(token: string, pins: string, nowMs: number): AccessTokenClaims | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry || entry.token !== token) return undefined;
    if (nowMs >= entry.validUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.pins === pins ? entry.claims : undefined;
  }

  /** Stores a verified token until `validUntil` (ms): min(exp, key's verifyUntil). */
  set(token: string, pins: string, claims: AccessTokenClaims, validUntil: number, nowMs: number): void {
    if (this.maxEntries === 0 || token.length > this.maxTokenLength || validUntil <= nowMs) return;
    const key = keyOf(token);
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { token, claims, pins, validUntil });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** 43 base64url characters: 256 bits of an RS256 or Ed25519 signature. */
const KEY_LENGTH = 43;
const keyOf = (token: string) => (token.length > KEY_LENGTH ? token.slice(-KEY_LENGTH) : token);

/** Freezes a JSON value in place, all the way down; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    // JSON values have only own enumerable keys; for…in reads them without the array Object.values allocates.
    for (const key in value) {
      const child = value[key];
      if (child !== null && typeof child === "object") deepFreeze(child);
    }
  }
  return value;
}
