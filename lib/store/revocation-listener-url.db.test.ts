/**
 * The revocation listener reads the app's DATABASE_URL, timeouts included: `?query_timeout=0`
 * (no bound, docs/postgresql.md) must leave its LISTEN working. pg reads the `0` in the URL as a
 * string, which is truthy, and times each query out after 1 ms: the LISTEN failed whenever the
 * server took longer than that, and the listener failed and retried instead of listening.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { listenForRevocations } from "./revocation-listener";

describe("revocation listener and the URL's timeouts", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("postgresql", { migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  // The failure depended on the server answering within 1 ms: several runs make it show.
  it.each(Array.from({ length: 8 }, (_, i) => i))("listens with ?query_timeout=0 (run %s)", async () => {
    const url = new URL(db.url);
    url.searchParams.set("query_timeout", "0");
    const events: string[] = [];
    const subscription = await listenForRevocations(
      url.toString(),
      {
        onRevoked: () => undefined,
        onConnected: () => events.push("connected"),
        onError: (error) => events.push(`error: ${(error as Error).message}`),
      },
      { minRetryMs: 50, maxRetryMs: 50 },
    );
    try {
      await expect.poll(() => events.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(events[0]).toBe("connected");
    } finally {
      await subscription.close();
    }
  });
});
