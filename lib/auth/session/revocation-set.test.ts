import { describe, expect, it } from "vitest";
import { createMemoryRevocationStore } from "../testing/memory-revocation-store";
import { RevocationSet } from "./revocation-set";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const row = (handle: string, revokedAt: number, ttl = 3600) => ({ sessionHandle: handle, revokedAt: at(revokedAt), expiresAt: at(revokedAt + ttl) });

describe("RevocationSet", () => {
  it("a revocation on one instance reaches another within the sync interval", async () => {
    const store = createMemoryRevocationStore();
    const a = new RevocationSet({ store, syncIntervalMs: 1000 });
    const b = new RevocationSet({ store, syncIntervalMs: 1000 });
    expect(await b.isRevoked("h1", at(0))).toBe(false); // b syncs now
    await a.add([row("h1", 0.2)]);
    expect(await a.isRevoked("h1", at(0.2))).toBe(true); // at once where it happened
    expect(await b.isRevoked("h1", at(0.5))).toBe(false); // not yet due
    expect(await b.isRevoked("h1", at(1.0))).toBe(true); // within the interval
  });

  it("entries expire after the access-token lifetime", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store });
    await set.add([row("h1", 0, 60)]);
    expect(await set.isRevoked("h1", at(59))).toBe(true);
    expect(await set.isRevoked("h1", at(60))).toBe(false);
    expect(set.size).toBe(0);
    expect(await store.deleteExpiredRevocations(at(60))).toBe(1);
  });

  it("is bounded without forgetting: past capacity the rest of the window is checked in the database", async () => {
    const set = new RevocationSet({ store: createMemoryRevocationStore(), maxEntries: 3 });
    await set.add([row("a", 0, 10), row("b", 0, 50), row("c", 0, 40), row("d", 0, 30)]);
    expect(set.size).toBe(3);
    for (const handle of ["a", "b", "c", "d"]) expect(await set.isRevoked(handle, at(1)), handle).toBe(true);
    expect(await set.isRevoked("live", at(1))).toBe(false);
  });

  it("keeps serving the last known set when the database is unreachable, and reports it", async () => {
    const store = createMemoryRevocationStore();
    const errors: unknown[] = [];
    const set = new RevocationSet({ store, onSyncError: (e) => errors.push(e) });
    const other = new RevocationSet({ store });
    await other.add([row("h1", 0)]);
    expect(await set.isRevoked("h1", at(1))).toBe(true);
    store.unreachable = true;
    expect(await set.isRevoked("h1", at(3))).toBe(true);
    expect(await set.isRevoked("h2", at(3))).toBe(false);
    expect(errors).toHaveLength(1);
    // One failed sync per interval, not one per request.
    expect(await set.isRevoked("h2", at(3.5))).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it("a revocation recorded with a slightly older clock is still picked up (skew margin)", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store, syncIntervalMs: 1000 });
    await store.recordRevocations([row("new", 10)]);
    expect(await set.isRevoked("new", at(10))).toBe(true);
    await store.recordRevocations([row("late", 8)]); // another instance whose clock runs 2 s behind
    expect(await set.isRevoked("late", at(11))).toBe(true);
  });
});

describe("RevocationSet watermark", () => {
  it("a row stamped in the future by a skewed instance does not hide later correct rows", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store, syncIntervalMs: 1000 });
    await store.recordRevocations([row("future", 3600)]); // an instance an hour ahead
    expect(await set.isRevoked("future", at(0))).toBe(true);
    await store.recordRevocations([row("now", 0.5)]);
    expect(await set.isRevoked("now", at(1))).toBe(true);
  });
});

describe("RevocationSet first sync", () => {
  it("an instance that revokes before its first sync still loads everything (no invalid watermark)", async () => {
    const store = createMemoryRevocationStore();
    let since: Date | undefined | null = null;
    const spy = { ...store, listRevocations: async (s: Date | undefined, now: Date) => ((since = s), store.listRevocations(s, now)) };
    const errors: unknown[] = [];
    const set = new RevocationSet({ store: spy, onSyncError: (e) => errors.push(e) });
    await store.recordRevocations([row("elsewhere", 0)]);
    await set.add([row("here", 0.1)]);
    expect(await set.isRevoked("elsewhere", at(0.2))).toBe(true);
    expect(since).toBeUndefined();
    expect(errors).toEqual([]);
  });
});

// Finding 5 of issue 15: an attacker who can revoke many sessions (their own, by the thousand)
// must not push a stolen session's revocation out of the set and bring it back to life.
describe("RevocationSet overflow", () => {
  it("filled past capacity, the first revoked session stays refused for its whole window", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store, maxEntries: 1000 });
    await set.add([row("stolen", 0)]);
    // Every revocation lives one access-token lifetime, so later ones expire later: the flood
    // is what a full set would keep, and the stolen session's entry what it would drop.
    for (let i = 0; i < 3; i++) {
      await set.add(Array.from({ length: 500 }, (_, j) => row(`flood-${i}-${j}`, 1 + i)));
    }
    expect(set.size).toBeLessThanOrEqual(1000);
    expect(await set.isRevoked("stolen", at(10))).toBe(true);
    expect(await set.isRevoked("stolen", at(3599))).toBe(true);
    expect(await set.isRevoked("stolen", at(3600))).toBe(false);
  });

  it("a revocation that did not fit is refused on another instance too (read from the database)", async () => {
    const store = createMemoryRevocationStore();
    const here = new RevocationSet({ store, maxEntries: 2 });
    expect(await here.isRevoked("x", at(0))).toBe(false); // synced
    await store.recordRevocations([row("a", 0.1), row("b", 0.2), row("c", 0.3)]);
    expect(await here.isRevoked("c", at(1))).toBe(true);
    expect(await here.isRevoked("a", at(1.1))).toBe(true);
    expect(await here.isRevoked("nobody", at(1.2))).toBe(false);
  });

  it("while overflowing and the database is down, an unknown handle is a store failure, not a pass", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store, maxEntries: 1 });
    await set.add([row("a", 0), row("b", 0)]);
    store.unreachable = true;
    expect(await set.isRevoked("a", at(0.5))).toBe(true);
    await expect(Promise.resolve(set.isRevoked("b", at(0.6)))).rejects.toThrow();
  });

  it("once the overflowed entries have expired, checks are plain lookups again", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store, maxEntries: 1, syncIntervalMs: 1000 });
    await set.add([row("a", 0, 60), row("b", 0, 60)]);
    expect(await set.isRevoked("c", at(0.5))).toBe(false);
    expect(await set.isRevoked("c", at(61))).toBe(false); // sync due: a promise
    expect(set.isRevoked("c", at(61.5))).toBe(false); // a plain boolean, no database read
  });

  it("adding one revocation to a full set does not re-sort it (no copy of the set per add)", async () => {
    const set = new RevocationSet({ store: createMemoryRevocationStore(), maxEntries: 50_000 });
    await set.add(Array.from({ length: 50_000 }, (_, i) => row(`h${i}`, 0)));
    const sort = Array.prototype.sort;
    let sorted = 0;
    Array.prototype.sort = function (this: unknown[], ...args) {
      sorted += this.length;
      return sort.apply(this, args as [never]);
    };
    try {
      for (let i = 0; i < 100; i++) await set.add([row(`extra${i}`, 1)]);
    } finally {
      Array.prototype.sort = sort;
    }
    expect(sorted).toBe(0);
  });
});
