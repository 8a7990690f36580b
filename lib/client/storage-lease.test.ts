import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createStorageLease } from "./storage-lease";
import { FakeStorage } from "./testing/fake-browser";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createStorageLease (fallback cross-tab lock)", () => {
  it("lets one holder in at a time across tabs sharing the storage", async () => {
    const storage = new FakeStorage();
    const tabs = [1, 2, 3].map(() => createStorageLease(storage, "lock", { settleMs: 5, pollMs: 5 }));
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      tabs.map(async (tab) => {
        const release = await tab.acquire(2_000);
        inside++;
        maxInside = Math.max(maxInside, inside);
        await sleep(20);
        inside--;
        release();
      }),
    );
    expect(maxInside).toBe(1);
    expect(storage.length).toBe(0);
  });

  // On fake timers: what is asserted is when, on the page's clock, the lease changes hands, which
  // a busy machine's scheduling must not decide.
  describe("on the page's clock", () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it("takes over a lease whose holder never released it, once it expired", async () => {
      const storage = new FakeStorage();
      const expiresAt = Date.now() + 40;
      storage.setItem("lock", JSON.stringify({ id: "dead-tab", expiresAt }));
      let heldAt: number | undefined;
      const acquired = createStorageLease(storage, "lock", { settleMs: 5, pollMs: 5 })
        .acquire(2_000)
        .then((release) => ((heldAt = Date.now()), release));
      await vi.advanceTimersByTimeAsync(30);
      expect(heldAt).toBeUndefined();
      expect(JSON.parse(storage.getItem("lock")!).id).toBe("dead-tab");
      await vi.advanceTimersByTimeAsync(100);
      expect(heldAt).toBeDefined();
      const release = await acquired;
      expect(heldAt).toBeGreaterThanOrEqual(expiresAt);
      // Promptly: the next poll after the expiry (at most 10 ms with its jitter), then the settling 5 ms.
      expect(heldAt! - expiresAt).toBeLessThanOrEqual(15);
      expect(JSON.parse(storage.getItem("lock")!).id).not.toBe("dead-tab");
      release();
      expect(storage.getItem("lock")).toBeNull();
    });

    it("gives up waiting after the timeout instead of blocking for ever", async () => {
      const storage = new FakeStorage();
      storage.setItem("lock", JSON.stringify({ id: "stuck", expiresAt: Date.now() + 60_000 }));
      const started = Date.now();
      let gaveUpAt: number | undefined;
      const acquired = createStorageLease(storage, "lock", { settleMs: 5, pollMs: 5 })
        .acquire(60)
        .then((release) => ((gaveUpAt = Date.now()), release));
      await vi.advanceTimersByTimeAsync(50);
      expect(gaveUpAt).toBeUndefined();
      // The wait's last pause may begin just before its deadline: at most two polls (with jitter) past it.
      await vi.advanceTimersByTimeAsync(30);
      expect(gaveUpAt).toBeDefined();
      const release = await acquired;
      expect(gaveUpAt! - started).toBeGreaterThanOrEqual(60);
      expect(gaveUpAt! - started).toBeLessThanOrEqual(80);
      release(); // must not remove the other holder's lease
      expect(JSON.parse(storage.getItem("lock")!).id).toBe("stuck");
    });
  });

  it("without storage it does not lock at all", async () => {
    const release = await createStorageLease(undefined, "lock").acquire(10);
    expect(() => release()).not.toThrow();
  });
});
