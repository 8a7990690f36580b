/**
 * Issue 20: the revocation check on the verification path answers synchronously whenever the set
 * is fresh enough, and the next sync starts ahead of time in the background, so that under
 * steady traffic no request waits for one; the bound on staleness stays `syncIntervalMs`.
 */
import { describe, expect, it } from "vitest";
import type { RevocationRow } from "../ports/revocation-store";
import { createMemoryRevocationStore } from "../testing/memory-revocation-store";
import { RevocationSet } from "./revocation-set";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const row = (handle: string, revokedAt: number, ttl = 3600) => ({ sessionHandle: handle, revokedAt: at(revokedAt), expiresAt: at(revokedAt + ttl) });

/** The memory store with every listRevocations held until the test releases it, and counted. */
function heldStore() {
  const store = createMemoryRevocationStore();
  const held: { now: Date; release: () => void }[] = [];
  const gated = {
    ...store,
    async listRevocations(since: Date | undefined, now: Date): Promise<RevocationRow[]> {
      await new Promise<void>((release) => held.push({ now, release }));
      return store.listRevocations(since, now);
    },
  };
  return { store, gated, held };
}

/** Lets pending promise callbacks run (a released sync finishes). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("RevocationSet sync ahead", () => {
  it("in the last quarter of the interval a check answers at once and starts the next sync in the background", async () => {
    const { store, gated, held } = heldStore();
    const set = new RevocationSet({ store: gated, syncIntervalMs: 1000 });
    const first = set.isRevoked("h1", at(0));
    expect(first).toBeInstanceOf(Promise); // never synced: the first check waits
    held[0].release();
    expect(await first).toBe(false);

    // Early in the interval: a plain boolean, no sync started.
    expect(set.isRevoked("h1", at(0.5))).toBe(false);
    expect(held).toHaveLength(1);

    await store.recordRevocations([row("h1", 0.6)]);
    // Three quarters in: still a plain boolean (the set is 0.8 s old, within the interval), and one sync starts.
    expect(set.isRevoked("h1", at(0.8))).toBe(false);
    expect(held).toHaveLength(2);
    expect(held[1].now).toEqual(at(0.8));
    // While it runs, further checks neither wait nor start another.
    expect(set.isRevoked("h1", at(0.9))).toBe(false);
    expect(held).toHaveLength(2);

    held[1].release();
    await settle();
    // The background sync brought h1 in; the set counts as synced at 0.8, so 1.1 s is not overdue.
    expect(set.isRevoked("h1", at(1.1))).toBe(true);
    expect(held).toHaveLength(2);
  });

  it("a check past the interval waits for the sync already running rather than answer from a stale set", async () => {
    const { store, gated, held } = heldStore();
    const set = new RevocationSet({ store: gated, syncIntervalMs: 1000 });
    const first = set.isRevoked("h1", at(0));
    held[0].release();
    await first;
    expect(set.isRevoked("h1", at(0.8))).toBe(false); // starts the sync ahead
    await store.recordRevocations([row("h1", 0.7)]);

    const overdue = set.isRevoked("h1", at(1.05));
    expect(overdue).toBeInstanceOf(Promise);
    held[1].release();
    expect(await overdue).toBe(true);
    expect(held).toHaveLength(2); // the running sync began at 0.8, fresh enough for 1.05: no third
  });

  it("a sync left running for longer than the interval (an instance frozen and thawed) is followed by a fresh one", async () => {
    const { store, gated, held } = heldStore();
    const set = new RevocationSet({ store: gated, syncIntervalMs: 1000 });
    const first = set.isRevoked("h1", at(0));
    held[0].release();
    await first;
    expect(set.isRevoked("h1", at(0.8))).toBe(false); // a sync starts, and the instance freezes

    // Ten minutes later, revoked elsewhere in between; the old sync's read predates it.
    const thawed = set.isRevoked("h1", at(600));
    held[1].release();
    await settle();
    expect(held).toHaveLength(3);
    expect(held[2].now).toEqual(at(600));
    await store.recordRevocations([row("h1", 300)]);
    held[2].release();
    expect(await thawed).toBe(true);
  });
});
