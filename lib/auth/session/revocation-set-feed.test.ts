import { describe, expect, it } from "vitest";
import { createMemoryRevocationStore } from "../testing/memory-revocation-store";
import { createEngineContext } from "../context";
import { resolveConfig } from "../resolve-config";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestClock, TEST_SECRET } from "../testing/test-engine";
import { warningLog } from "../testing/warning-log";
import type { RevocationFeedHandlers, RevocationRow, RevocationStore } from "../ports/revocation-store";
import { RevocationSet } from "./revocation-set";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const row = (handle: string, revokedAt: number, ttl = 3600): RevocationRow => ({
  sessionHandle: handle,
  revokedAt: at(revokedAt),
  expiresAt: at(revokedAt + ttl),
});
const HOUR = 3_600_000;

/** A memory store with a push feed the test drives by hand, counting syncs and subscriptions. */
function storeWithFeed(options: { failToSubscribe?: boolean } = {}) {
  const memory = createMemoryRevocationStore();
  const feed = { handlers: null as RevocationFeedHandlers | null, subscriptions: 0, closed: 0, syncs: 0 };
  const store: RevocationStore = {
    ...memory,
    listRevocations: (since, now) => (feed.syncs++, memory.listRevocations(since, now)),
    async subscribe(handlers) {
      feed.subscriptions++;
      if (options.failToSubscribe) throw new Error("no driver");
      feed.handlers = handlers;
      return { close: async () => void feed.closed++ };
    },
  };
  return { memory, store, feed };
}

describe("RevocationSet with a push feed", () => {
  it("a pushed revocation counts at once, without waiting for the next sync", async () => {
    const { store, feed } = storeWithFeed();
    const set = new RevocationSet({ store, syncIntervalMs: HOUR });
    expect(await set.isRevoked("h1", at(0))).toBe(false); // first sync; the feed starts
    expect(feed.subscriptions).toBe(1);
    feed.handlers!.onRevoked([row("h1", 1)]);
    expect(await set.isRevoked("h1", at(2))).toBe(true);
    expect(feed.syncs).toBe(1);
  });

  it("each (re)connection makes the next check sync once: notifications sent meanwhile were lost", async () => {
    const { memory, store, feed } = storeWithFeed();
    const set = new RevocationSet({ store, syncIntervalMs: HOUR });
    await set.isRevoked("x", at(0));
    await memory.recordRevocations([row("missed", 1)]); // while the feed was down: no push
    expect(await set.isRevoked("missed", at(2))).toBe(false);
    feed.handlers!.onConnected();
    expect(await set.isRevoked("missed", at(3))).toBe(true);
    expect(await set.isRevoked("missed", at(4))).toBe(true);
    expect(feed.syncs).toBe(2);
  });

  it("feed errors are reported and the sync carries on alone", async () => {
    const { memory, store, feed } = storeWithFeed();
    const feedErrors: unknown[] = [];
    const set = new RevocationSet({ store, syncIntervalMs: 1000, onFeedError: (e) => feedErrors.push(e) });
    await set.isRevoked("x", at(0));
    feed.handlers!.onError(new Error("connection terminated"), 1000);
    await memory.recordRevocations([row("h1", 0.5)]);
    expect(await set.isRevoked("h1", at(1))).toBe(true);
    expect(feedErrors).toHaveLength(1);
  });

  it("a feed that cannot start is reported once, and checks keep working on syncs", async () => {
    const { memory, store, feed } = storeWithFeed({ failToSubscribe: true });
    const feedErrors: unknown[] = [];
    const set = new RevocationSet({ store, syncIntervalMs: 1000, onFeedError: (e) => feedErrors.push(e) });
    expect(await set.isRevoked("x", at(0))).toBe(false);
    await memory.recordRevocations([row("h1", 0.5)]);
    expect(await set.isRevoked("h1", at(1))).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(feedErrors).toHaveLength(1);
    expect(feed.subscriptions).toBe(1);
  });

  it("listen: false never subscribes; close() stops a running feed", async () => {
    const off = storeWithFeed();
    await new RevocationSet({ store: off.store, listen: false }).isRevoked("x", at(0));
    expect(off.feed.subscriptions).toBe(0);

    const on = storeWithFeed();
    const set = new RevocationSet({ store: on.store });
    await set.isRevoked("x", at(0));
    await set.close();
    expect(on.feed.closed).toBe(1);
    await set.isRevoked("x", at(5));
    expect(on.feed.subscriptions).toBe(1); // not restarted
  });

  it("pushed entries obey the same bound and expiry as synced ones", async () => {
    const { store, memory, feed } = storeWithFeed();
    const set = new RevocationSet({ store, syncIntervalMs: HOUR, maxEntries: 2 });
    await set.isRevoked("x", at(0));
    const pushed = [row("a", 0, 10), row("b", 0, 30), row("c", 0, 20)];
    await memory.recordRevocations(pushed); // committed before the notification, as in PostgreSQL
    feed.handlers!.onRevoked(pushed);
    expect(set.size).toBe(2);
    expect(await set.isRevoked("a", at(1))).toBe(true); // nothing evicted
    expect(await set.isRevoked("c", at(19))).toBe(true); // did not fit: read from the database
    expect(await set.isRevoked("c", at(20))).toBe(false);
    expect(await set.isRevoked("a", at(10))).toBe(false);
  });
});

describe("the engine context's revocation set", () => {
  it("logs a failed sync and keeps refusing what it already knew", async () => {
    const revocations = createMemoryRevocationStore();
    const { log, warnings } = warningLog();
    const clock = createTestClock();
    const ctx = createEngineContext({
      config: resolveConfig({ appOrigin: "http://localhost:3000" }),
      stores: { ...createMemoryStores(), revocations },
      secret: TEST_SECRET,
      now: clock.now,
      log,
    });
    await revocations.recordRevocations([{ sessionHandle: "h1", revokedAt: clock.now(), expiresAt: new Date(clock.now().getTime() + HOUR) }]);
    expect(await ctx.revocations.isRevoked("h1", clock.now())).toBe(true);
    revocations.unreachable = true;
    clock.advanceSeconds(2);
    expect(await ctx.revocations.isRevoked("h1", clock.now())).toBe(true);
    expect(await ctx.revocations.isRevoked("h2", clock.now())).toBe(false);
    expect(warnings).toEqual([expect.objectContaining({ event: "revocations.sync_failed", error: expect.stringContaining("unreachable") })]);
  });
});
