import { describe, expect, it } from "vitest";
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

  it("takes over a lease whose holder never released it, once it expired", async () => {
    const storage = new FakeStorage();
    storage.setItem("lock", JSON.stringify({ id: "dead-tab", expiresAt: Date.now() + 40 }));
    const started = Date.now();
    const release = await createStorageLease(storage, "lock", { settleMs: 5, pollMs: 5 }).acquire(2_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(JSON.parse(storage.getItem("lock")!).id).not.toBe("dead-tab");
    release();
  });

  it("gives up waiting after the timeout instead of blocking for ever", async () => {
    const storage = new FakeStorage();
    storage.setItem("lock", JSON.stringify({ id: "stuck", expiresAt: Date.now() + 60_000 }));
    const started = Date.now();
    const release = await createStorageLease(storage, "lock", { settleMs: 5, pollMs: 5 }).acquire(60);
    expect(Date.now() - started).toBeLessThan(1_000);
    release(); // must not remove the other holder's lease
    expect(JSON.parse(storage.getItem("lock")!).id).toBe("stuck");
  });

  it("without storage it does not lock at all", async () => {
    const release = await createStorageLease(undefined, "lock").acquire(10);
    expect(() => release()).not.toThrow();
  });
});
