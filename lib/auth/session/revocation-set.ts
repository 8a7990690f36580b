import type { RevocationRow, RevocationStore, RevocationSubscription } from "../ports/revocation-store";

export interface RevocationSetOptions {
  store: RevocationStore;
  /** How often the set is brought up to date from the database, at most. @default 1000 */
  syncIntervalMs?: number;
  /**
   * Cap on entries kept in memory. Nothing is evicted to make room: revocations that do not fit
   * stay in the database, and until they have expired a handle not in the set is looked up
   * there (one read per check) instead of passing. @default 100000
   */
  maxEntries?: number;
  /** Told when revocations did not fit, and until when handles are checked in the database. */
  onFull?: (notKept: number, checkDatabaseUntil: Date) => void;
  /** Told when a sync fails; the last known set keeps serving. */
  onSyncError?: (error: unknown) => void;
  /**
   * Whether to listen to the store's push feed (`store.subscribe`, PostgreSQL LISTEN/NOTIFY)
   * when it has one. The store decides whether it offers one (see lib/store/revocation-listener.ts).
   * @default true
   */
  listen?: boolean;
  /** Told when the feed connects (and reconnects). */
  onFeedConnected?: () => void;
  /** Told when the feed fails or drops; it retries by itself, and the sync goes on meanwhile. */
  onFeedError?: (error: unknown, retryInMs: number) => void;
}

/**
 * Each instance's copy of the recent revocations, so that `getSession()` without
 * `checkDatabase` refuses a revoked session's access token within `syncIntervalMs` on every
 * instance, at the cost of a Map lookup per request. Syncs are triggered by requests, not
 * timers (a serverless instance may live for one request), and at most one runs at a time.
 *
 * Where the store has a push feed (PostgreSQL LISTEN/NOTIFY), revocations also arrive as they
 * commit, so the interval becomes the worst case when the feed is down rather than the usual
 * delay. The sync stays as the safety net: a notification sent while the feed was disconnected
 * is lost, so every (re)connection makes the next request sync.
 *
 * Clock skew between instances is covered by re-reading a margin before the last seen
 * revocation (capped at this instance's previous sync time): entries are keyed by handle, so a
 * re-read row changes nothing.
 */
export class RevocationSet {
  private readonly revoked = new Map<string, number>();
  private lastSyncAt = Number.NEGATIVE_INFINITY;
  private newestSeen: number | undefined;
  /**
   * Until this instant some revocation may be in the database only (the set was full when it
   * came): a handle the set does not hold must be looked up there rather than let through.
   */
  private checkDatabaseUntil = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | null = null;
  /** Set when the feed (re)connects: the next request syncs whatever the interval says. */
  private syncRequested = false;
  private feed: Promise<RevocationSubscription | null> | null = null;
  private readonly syncIntervalMs: number;
  private readonly maxEntries: number;
  static readonly SKEW_MARGIN_MS = 5_000;
  /** The fraction of the interval after which a check starts the next sync without waiting for it. */
  static readonly SYNC_AHEAD_AT = 0.75;

  constructor(private readonly options: RevocationSetOptions) {
    this.syncIntervalMs = options.syncIntervalMs ?? 1_000;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  /**
   * Whether the session was revoked (as far as this instance knows after syncing if due). A
   * plain boolean unless a sync is overdue: this runs on every verification, and a promise per
   * call would cost more than the lookup itself.
   *
   * Under steady traffic no request waits for a sync: in the last quarter of the interval a
   * check starts the next one in the background and answers from the set as it is, which was
   * synced less than `syncIntervalMs` ago, so the bound on how stale an answer can be is the same
   * as if it had waited. Only a check that finds the set older than the interval (the first one,
   * one after a quiet spell, one after the feed reconnected) waits.
   */
  isRevoked(sessionHandle: string, now: Date): boolean | Promise<boolean> {
    // The feed starts with the first check, not at construction: a process that never verifies
    // a token (a CLI, a migration) opens no extra connection.
    if (this.feed === null) this.startFeed();
    const age = now.getTime() - this.lastSyncAt;
    if (this.syncRequested || this.isDue(now)) {
      return this.syncAsOf(now).then(() => this.check(sessionHandle, now));
    }
    if (this.syncing === null && age >= this.syncIntervalMs * RevocationSet.SYNC_AHEAD_AT) void this.sync(now);
    return this.check(sessionHandle, now);
  }

  /**
   * A sync that began at `now` or later. One already running may have begun long before (a
   * serverless instance frozen mid-sync and thawed): its rows are older than the interval
   * allows, so once it ends another one runs.
   */
  private async syncAsOf(now: Date): Promise<void> {
    await this.sync(now);
    if (this.isDue(now)) await this.sync(now);
  }

  /**
   * Whether the set is older than the interval at `now`. An age below minus the interval means
   * this instance's clock stepped back (an NTP correction) since the last sync: waiting for the
   * age to grow again would stop syncing for as long as the step, and revocations made elsewhere
   * meanwhile would not be refused here until then. (A few ms below zero is only a request whose
   * `now` was taken before another request's sync began.)
   */
  private isDue(now: Date): boolean {
    const age = now.getTime() - this.lastSyncAt;
    return age >= this.syncIntervalMs || age < -this.syncIntervalMs;
  }

  private check(sessionHandle: string, now: Date): boolean | Promise<boolean> {
    const nowMs = now.getTime();
    if (this.lookup(sessionHandle, nowMs)) return true;
    if (nowMs >= this.checkDatabaseUntil) return false;
    // The set overflowed within the last access-token lifetime: absence here proves nothing.
    // A failed read throws (STORE_FAILED, a 503): passing would revive a revoked session.
    return this.options.store.hasRevocation(sessionHandle, now);
  }

  private lookup(sessionHandle: string, nowMs: number): boolean {
    const expiresAt = this.revoked.get(sessionHandle);
    if (expiresAt === undefined) return false;
    if (expiresAt <= nowMs) {
      this.revoked.delete(sessionHandle);
      return false;
    }
    return true;
  }

  /** Records this instance's own revocations: in effect here at once, elsewhere after a sync. */
  async add(rows: RevocationRow[]): Promise<void> {
    if (rows.length === 0) return;
    this.remember(rows);
    await this.options.store.recordRevocations(rows);
  }

  get size(): number {
    return this.revoked.size;
  }

  /** Stops the push feed, if one runs (tests, graceful shutdown). Checks keep working on syncs. */
  async close(): Promise<void> {
    const feed = this.feed;
    this.feed = Promise.resolve(null);
    await (await feed)?.close();
  }

  private startFeed(): void {
    const { store, listen = true } = this.options;
    if (!listen || !store.subscribe) {
      this.feed = Promise.resolve(null);
      return;
    }
    this.feed = store
      .subscribe({
        onRevoked: (rows) => this.remember(rows),
        onConnected: () => {
          this.syncRequested = true;
          this.options.onFeedConnected?.();
        },
        onError: (error, retryInMs) => this.options.onFeedError?.(error, retryInMs),
      })
      .catch((error) => {
        // A feed that cannot even start leaves the sync alone in charge, as on SQLite.
        this.options.onFeedError?.(error, Number.POSITIVE_INFINITY);
        return null;
      });
  }

  private sync(now: Date): Promise<void> {
    this.syncing ??= this.load(now).finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async load(now: Date): Promise<void> {
    // The watermark never runs ahead of this instance's own clock at its previous sync: a row
    // stamped in the future by a skewed instance must not hide rows stamped correctly after it.
    // Before a first sync (this instance may have revoked something already) load everything.
    // After a step back of this instance's clock by more than the margin, its watermark came from
    // the clock that was ahead and would hide rows other instances stamped correctly since: load
    // everything again.
    const neverSynced = this.lastSyncAt === Number.NEGATIVE_INFINITY;
    const steppedBack = now.getTime() < this.lastSyncAt - RevocationSet.SKEW_MARGIN_MS;
    const watermark = this.newestSeen === undefined || neverSynced || steppedBack ? undefined : Math.min(this.newestSeen, this.lastSyncAt);
    const since = watermark === undefined ? undefined : new Date(watermark - RevocationSet.SKEW_MARGIN_MS);
    this.syncRequested = false;
    try {
      this.remember(await this.options.store.listRevocations(since, now));
    } catch (error) {
      // Keep serving with what is known; retry at the next interval rather than every request.
      this.options.onSyncError?.(error);
    }
    this.lastSyncAt = now.getTime();
    this.evictExpired(now.getTime());
  }

  /**
   * O(1) per row. A full set keeps what it holds: evicting would let whoever can revoke many
   * sessions (their own, by the thousand) push a stolen session's revocation out and bring it
   * back to life. What does not fit is left to the database until it expires.
   */
  private remember(rows: RevocationRow[]): void {
    let notKept = 0;
    for (const row of rows) {
      const expiresAt = row.expiresAt.getTime();
      if (this.revoked.size < this.maxEntries || this.revoked.has(row.sessionHandle)) {
        this.revoked.set(row.sessionHandle, expiresAt);
      } else {
        notKept += 1;
        this.checkDatabaseUntil = Math.max(this.checkDatabaseUntil, expiresAt);
      }
      this.newestSeen = Math.max(this.newestSeen ?? Number.NEGATIVE_INFINITY, row.revokedAt.getTime());
    }
    if (notKept > 0) this.options.onFull?.(notKept, new Date(this.checkDatabaseUntil));
  }

  private evictExpired(nowMs: number): void {
    for (const [handle, expiresAt] of this.revoked) if (expiresAt <= nowMs) this.revoked.delete(handle);
  }
}
