import { randomUUID } from "node:crypto";
import type { JWK } from "jose";
import { unsealData } from "iron-session";
import type { SigningKeyRow, SigningKeyStore } from "../ports";
import { GatehouseError, isGatehouseError } from "../errors";
import { authenticKeyRows, signingKeyMac } from "./signing-key-mac";
import { VerifiedTokenCache } from "./verified-token-cache";
import { newSigningKeyRow, scheduledKid, slotEnd } from "./new-signing-key";
import {
  pinnedKey,
  prepareSigningKey,
  prepareVerifyKey,
  type SigningAlgorithm,
  type SigningKey,
  type VerifyKey,
  type VerifyKeyLookup,
} from "./prepared-keys";

export type { SigningAlgorithm, VerifyKeyLookup };

export interface SigningKeyRingOptions {
  store: SigningKeyStore;
  sealPassword: string;
  algorithm: SigningAlgorithm;
  rotationIntervalSeconds: number;
  /** A retired key keeps verifying for this long, so no token it signed is cut short. */
  accessTokenTtlSeconds: number;
  /** Derived from the app secret: authenticates each key row (signing-key-mac.ts). */
  macKey: Buffer;
  /** Told, on every load, of each row refused by its MAC: someone else wrote or changed it. */
  onRejectedKey?: (kid: string, reason: "BAD_MAC" | "NO_MAC_UNPROVEN") => void;
  /** Told when a reload fails; the last known keys keep serving and the ring retries later. */
  onReloadError?: (error: unknown, retryInMs: number) => void;
}

const KID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** An unknown kid may trigger a reload this often at most, so random kids cannot flood the database. */
const RELOAD_INTERVAL_MS = 1_000;
/**
 * The key set is re-read at least this often, so that a rotation or retirement made by another
 * instance (rotateSigningKeys) reaches every instance within a minute.
 */
const MAX_CACHE_AGE_MS = 60_000;
/** Back-off after failed reloads: 1 s, doubling, at most this long between tries. */
const MAX_RETRY_MS = 30_000;
/** Later than any key's window (lifetimes are capped at 100 years), and a DATETIME on every database. */
const END_OF_KEYS = new Date("9999-12-31T00:00:00.000Z");

/**
 * The in-process cache of signing keys. Keys live in the database (private halves sealed with
 * the app secret) so that every instance signs and verifies with the same set; verification
 * never touches the database except to learn a kid it has not seen, e.g. one made by another
 * instance after a rotation.
 */
export class SigningKeyRing {
  private verifyKeys = new Map<string, VerifyKey>();
  private publicJwks: JWK[] = [];
  /** The authentic rows of the last load, by kid (rotation rewrites their windows and MACs). */
  private rows = new Map<string, SigningKeyRow>();
  private signing: SigningKey | null = null;
  private loading: Promise<void> | null = null;
  /** When the store was last asked (successfully or not), and when it is due again. */
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private nextReloadAt = Number.NEGATIVE_INFINITY;
  /** The last reload's failure, until one succeeds; failures in a row set the back-off. */
  private reloadError: unknown = null;
  private failuresInARow = 0;
  /** Tokens verified with these keys; cleared here when a key stops verifying sooner. */
  readonly verifiedTokens = new VerifiedTokenCache();

  constructor(private readonly options: SigningKeyRingOptions) {}

  /** The key to sign with now, creating one when none is usable (first start, or rotation due). */
  async getSigningKey(now: Date): Promise<SigningKey> {
    if (this.isStale(now)) await this.reload(now);
    if (this.signing && this.signing.signUntil > now.getTime()) return this.signing;
    await this.reloadOrThrow(now);
    if (this.signing && this.signing.signUntil > now.getTime()) return this.signing;
    // Whether this insert wins or another instance's does, the reload picks the slot's one key.
    await this.createKey(now, scheduledKid(now, this.options), slotEnd(now, this.options));
    await this.reloadOrThrow(now);
    if (!this.signing) throw new GatehouseError("SIGNING_KEY_UNAVAILABLE", "No signing key could be loaded or created");
    return this.signing;
  }

  /**
   * The verification key for `kid` and `alg`. A well-formed kid the ring does not know (or no
   * longer trusts) is UNKNOWN_KEY, which the caller answers with "try refresh token": a token
   * signed by a retired key is replaced by a refresh instead of logging its user out.
   *
   * Database outage (docs/security.md, "database outage"): a failed reload keeps the last known keys, so
   * every token they signed keeps verifying however long the outage lasts. Only a kid the ring
   * does not know while the store cannot be read throws STORE_FAILED (a 503): it may be a key
   * made by another instance that still reaches the database, and "try refresh token" would be
   * wrong there, since the refresh needs the database too and a server-rendered page answers a
   * failed refresh by sending its user to sign-in. A 503 leaves cookies and sessions alone.
   */
  async getVerifyKey(kid: unknown, alg: unknown, now: Date): Promise<VerifyKeyLookup> {
    if (typeof kid !== "string" || !KID_PATTERN.test(kid)) return { status: "INVALID" };
    if (this.isStale(now)) await this.reload(now);
    let entry = this.verifyKeys.get(kid);
    // Unknown kids may trigger a read once a second while the store answers; while it fails, only
    // when the back-off says so, so that neither random kids nor an outage hammer the database.
    if (!entry && this.reloadError === null && now.getTime() - this.lastAttemptAt >= RELOAD_INTERVAL_MS) {
      await this.reload(now);
      entry = this.verifyKeys.get(kid);
    }
    if (!entry) {
      if (this.reloadError !== null) throw storeUnavailable(this.reloadError);
      return { status: "UNKNOWN_KEY" };
    }
    if (entry.verifyUntil <= now.getTime()) {
      this.verifyKeys.delete(kid);
      return { status: "UNKNOWN_KEY" };
    }
    return pinnedKey(entry, alg);
  }

  /**
   * getVerifyKey's answer when it can be given from memory without waiting: a well-formed kid
   * of a key the ring holds, still verifying, with the key set not due its re-read. Undefined
   * means "ask getVerifyKey", which may read the store; the answers never differ.
   */
  knownVerifyKey(kid: unknown, alg: unknown, now: Date): VerifyKeyLookup | undefined {
    if (typeof kid !== "string" || !KID_PATTERN.test(kid)) return { status: "INVALID" };
    if (this.isStale(now)) return undefined;
    const entry = this.verifyKeys.get(kid);
    if (!entry || entry.verifyUntil <= now.getTime()) return undefined;
    return pinnedKey(entry, alg);
  }

  /**
   * Starts signing with a new key now (incident response). Older keys stop signing at once;
   * with `retireOldKeys` they also stop verifying, so tokens they signed get "try refresh
   * token" and are replaced on the next refresh. Other instances follow within a minute.
   */
  async rotate(now: Date, options: { retireOldKeys?: boolean } = {}): Promise<{ kid: string; retired: string[] }> {
    await this.reloadOrThrow(now);
    const previous = [...this.verifyKeys.keys()];
    const kid = `m${now.getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
    await this.createKey(now, kid, slotEnd(now, this.options));
    for (const old of previous) await this.shortenWindows(now, old, options.retireOldKeys === true);
    this.signing = null;
    await this.reloadOrThrow(now);
    return { kid, retired: options.retireOldKeys ? previous : [] };
  }

  /**
   * After a deliberate change of GATEHOUSE_SECRET: removes every key row, whatever secret sealed
   * it, and starts a new set under this one. The ring never does this by itself (no row passing
   * its MAC may as well be a misconfigured instance, see signing-key-mac.ts); an operator says so.
   * Every access token signed before stops verifying.
   */
  async reset(now: Date): Promise<{ kid: string; removed: number }> {
    const removed = await this.options.store.deleteExpiredKeys(END_OF_KEYS);
    this.signing = null;
    const { kid } = await this.rotate(now);
    return { kid, removed };
  }

  /**
   * Ends a key's signing (and with `retire` its verifying) now. Both windows and the MAC of the
   * row as updated go in one write, conditional on the MAC read: a change made meanwhile by
   * another instance (its own retirement) is re-read rather than overwritten. Never lengthens.
   */
  private async shortenWindows(now: Date, kid: string, retire: boolean): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = this.rows.get(kid);
      if (!row) return;
      const windows = {
        signUntil: new Date(Math.min(row.signUntil.getTime(), now.getTime())),
        verifyUntil: new Date(Math.min(row.verifyUntil.getTime(), retire ? now.getTime() : Number.POSITIVE_INFINITY)),
      };
      const mac = signingKeyMac(this.options.macKey, { ...row, ...windows });
      if (await this.options.store.updateKeyWindows(kid, { ...windows, mac }, row.mac)) return;
      await this.reloadOrThrow(now);
    }
    throw new GatehouseError("SIGNING_KEY_UNAVAILABLE", `Signing key ${kid} kept changing while it was being rotated out`);
  }

  /** False when the key set is due its periodic re-read: cached verdicts must wait for it. */
  isCurrent(now: Date): boolean {
    return !this.isStale(now);
  }

  /**
   * Due a re-read: the periodic one, the next try after a failure, or the first look after this
   * instance's clock stepped back (an NTP correction) past the last read. Without the last, the
   * set went unread for as long as the step: neither a kid made by another instance (an unknown
   * kid reloads only a second after the last read) nor another instance's retirement was seen.
   */
  private isStale(now: Date): boolean {
    return now.getTime() >= this.nextReloadAt || now.getTime() < this.lastAttemptAt - RELOAD_INTERVAL_MS;
  }

  /** Public keys for the JWKS endpoints. */
  async getJwks(now: Date): Promise<{ keys: JWK[] }> {
    await this.getSigningKey(now);
    return { keys: this.publicJwks };
  }

  /**
   * Re-reads the key set; never throws. On failure the last known set keeps serving, the error
   * is kept (getVerifyKey and reloadOrThrow answer with it) and the next try waits 1 s, 2 s,
   * 4 s, … up to 30 s. Concurrent callers share one read.
   */
  private reload(now: Date): Promise<void> {
    this.loading ??= this.load(now)
      .then(
        () => {
          this.reloadError = null;
          this.failuresInARow = 0;
          this.nextReloadAt = now.getTime() + MAX_CACHE_AGE_MS;
        },
        (error: unknown) => {
          this.reloadError = error;
          this.failuresInARow += 1;
          const retryInMs = Math.min(RELOAD_INTERVAL_MS * 2 ** (this.failuresInARow - 1), MAX_RETRY_MS);
          this.nextReloadAt = now.getTime() + retryInMs;
          this.options.onReloadError?.(error, retryInMs);
        },
      )
      .finally(() => {
        this.lastAttemptAt = now.getTime();
        this.loading = null;
      });
    return this.loading;
  }

  /** For decisions that need the store's current set (signing, rotation): a failure throws. */
  private async reloadOrThrow(now: Date): Promise<void> {
    await this.reload(now);
    if (this.reloadError !== null) throw storeUnavailable(this.reloadError);
  }

  private async load(now: Date): Promise<void> {
    const { store, macKey, sealPassword, onRejectedKey } = this.options;
    const rows = await authenticKeyRows(await store.listVerifyingKeys(now), { store, macKey, sealPassword, onRejectedKey });
    const verifyKeys = new Map<string, VerifyKey>();
    const jwks: JWK[] = [];
    for (const row of rows) {
      verifyKeys.set(row.kid, await prepareVerifyKey(row, this.verifyKeys.get(row.kid)));
      jwks.push(row.publicJwk as JWK);
    }
    // Newest key of the configured algorithm that may still sign.
    const candidate = rows
      .filter((r) => r.algorithm === this.options.algorithm && r.signUntil.getTime() > now.getTime())
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    if (candidate && candidate.kid !== this.signing?.kid) {
      const pem = await unsealData<{ pem: string }>(candidate.sealedPrivateKey, { password: this.options.sealPassword });
      if (!pem?.pem) {
        throw new GatehouseError("SIGNING_KEY_UNAVAILABLE", `Signing key ${candidate.kid} cannot be unsealed: was GATEHOUSE_SECRET changed?`);
      }
      this.signing = await prepareSigningKey(candidate.kid, candidate.algorithm, pem.pem, candidate.signUntil);
    } else if (!candidate) {
      this.signing = null;
    }
    // A key gone or cut short (retirement, here or by another instance) may no longer vouch for
    // the tokens it verified earlier; new keys change nothing for cached tokens.
    for (const [kid, old] of this.verifyKeys) {
      if ((verifyKeys.get(kid)?.verifyUntil ?? 0) < old.verifyUntil) {
        this.verifiedTokens.clear();
        break;
      }
    }
    this.verifyKeys = verifyKeys;
    this.publicJwks = jwks;
    this.rows = new Map(rows.map((row) => [row.kid, row]));
  }

  private async createKey(now: Date, kid: string, signUntil: Date): Promise<void> {
    await this.options.store.insertKey(await newSigningKeyRow(this.options, now, kid, signUntil));
    await this.options.store.deleteExpiredKeys(now);
  }
}

/** The store's own typed error when it has one (STORE_FAILED from withStoreFailures). */
function storeUnavailable(error: unknown): GatehouseError {
  if (isGatehouseError(error)) return error;
  return new GatehouseError("STORE_FAILED", `Signing keys could not be read: ${(error as Error)?.message ?? error}`, { cause: error });
}
