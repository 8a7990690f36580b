import type { AccessTokenClaims } from "./access-token-claims";

/**
 * Access tokens this process has already verified, so that the same token presented again (a
 * browser sends one token with every request for up to an hour) costs a map lookup instead of
 * a signature check. Held by the SigningKeyRing; used by `verifyAccessToken` only.
 *
 * Why a hit is as good as a fresh verification:
 * - The key is the exact token string. Verification is a pure function of those bytes, the key
 *   set, the pinned issuer and audience, and the clock, so the same bytes get the same verdict
 *   while those hold. A token differing in a single byte (header, payload or signature) is a
 *   different key and takes the full path: the cache can only repeat a "yes" that jose gave to
 *   these bytes.
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
  private readonly entries = new Map<string, { claims: AccessTokenClaims; pins: string; validUntil: number }>();

  constructor(
    /** 0 turns the cache off. */
    private readonly maxEntries = 10_000,
    /** Longer tokens are verified every time rather than held (bounds memory at ~40 MB). */
    private readonly maxTokenLength = 4096,
  ) {}

  get(token: string, pins: string, nowMs: number): AccessTokenClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (nowMs >= entry.validUntil) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.pins === pins ? entry.claims : undefined;
  }

  /** Stores a verified token until `validUntil` (ms): min(exp, key's verifyUntil). */
  set(token: string, pins: string, claims: AccessTokenClaims, validUntil: number, nowMs: number): void {
    if (this.maxEntries === 0 || token.length > this.maxTokenLength || validUntil <= nowMs) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(token, { claims, pins, validUntil });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Freezes a JSON value in place, all the way down; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
