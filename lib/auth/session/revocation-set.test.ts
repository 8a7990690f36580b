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

  it("is bounded: the soonest-expiring entries go first", async () => {
    const set = new RevocationSet({ store: createMemoryRevocationStore(), maxEntries: 3 });
    await set.add([row("a", 0, 10), row("b", 0, 50), row("c", 0, 40), row("d", 0, 30)]);
    expect(set.size).toBe(3);
    expect(await set.isRevoked("a", at(1))).toBe(false);
    expect(await set.isRevoked("b", at(1))).toBe(true);
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
