/**
 * The instance's own clock stepping back (an NTP correction, a VM restored from a snapshot): the
 * revocations made on other instances meanwhile still arrive within the sync interval, as the
 * docs promise, rather than once the clock has caught up with the time of the last sync again.
 */
import { describe, expect, it } from "vitest";
import { createMemoryRevocationStore } from "../testing/memory-revocation-store";
import { RevocationSet } from "./revocation-set";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const row = (handle: string, revokedAt: number, ttl = 3600) => ({ sessionHandle: handle, revokedAt: at(revokedAt), expiresAt: at(revokedAt + ttl) });

describe("RevocationSet when this instance's clock steps back", () => {
  it("syncs at once: a revocation made elsewhere after the step is refused within the interval", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store, syncIntervalMs: 1000 });
    expect(await set.isRevoked("h1", at(600))).toBe(false); // synced with the clock 10 minutes ahead
    // The clock is put right (10 minutes back); another instance revokes a session.
    await store.recordRevocations([row("h1", 1)]);
    expect(await set.isRevoked("h1", at(2))).toBe(true);
  });

  it("reads every revocation again: its watermark came from the clock that was ahead", async () => {
    const store = createMemoryRevocationStore();
    const set = new RevocationSet({ store, syncIntervalMs: 1000 });
    await set.add([row("own", 600)]); // revoked here while the clock ran 10 minutes ahead
    expect(await set.isRevoked("own", at(600))).toBe(true);
    await store.recordRevocations([row("other", 1)]); // after the correction, on a correct instance
    expect(await set.isRevoked("other", at(2))).toBe(true);
    expect(await set.isRevoked("own", at(3))).toBe(true);
  });
});
