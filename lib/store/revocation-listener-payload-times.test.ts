/**
 * A NOTIFY payload's times out of range. Any database user may NOTIFY on the channel, and the
 * comment on decodeRevocationPayload bounds what a forged payload does to "refuse some sessions'
 * access tokens". A finite number past a Date's range (1e300) became an Invalid Date: its NaN went
 * into the revocation set's watermark (Math.max with NaN stays NaN), every later sync asked the
 * database for revocations since an Invalid Date, which Prisma refuses, and the instance stopped
 * learning revocations by sync until restarted.
 */
import { describe, expect, it } from "vitest";
import { RevocationSet } from "../auth/session/revocation-set";
import { createMemoryRevocationStore } from "../auth/testing/memory-revocation-store";
import type { RevocationStore } from "../auth/ports/revocation-store";
import { decodeRevocationPayload } from "./revocation-listener-payload";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe("revocation NOTIFY payloads with times out of range", () => {
  it("are dropped: only instants every database holds are taken", () => {
    for (const [revokedAt, expiresAt] of [
      [1e300, 1e300],
      [T0, 1e300],
      [1e300, T0],
      [-1e17, T0],
      [T0 + 0.5, T0 + 3_600_000],
      [Date.UTC(10_000, 0, 1), Date.UTC(10_000, 0, 1)],
    ]) {
      expect(decodeRevocationPayload(JSON.stringify([["forged", revokedAt, expiresAt]])), `${revokedAt}, ${expiresAt}`).toEqual([]);
    }
  });

  it("cannot stop an instance's syncs", async () => {
    const memory = createMemoryRevocationStore();
    let pushed: ((rows: ReturnType<typeof decodeRevocationPayload>) => void) | undefined;
    const store: RevocationStore = {
      ...memory,
      // As Prisma does: a query with an invalid date fails.
      listRevocations: (since, now) =>
        since !== undefined && Number.isNaN(since.getTime()) ? Promise.reject(new Error("Invalid Date")) : memory.listRevocations(since, now),
      subscribe: async (handlers) => ((pushed = handlers.onRevoked), { close: async () => {} }),
    };
    const set = new RevocationSet({ store, syncIntervalMs: 1000 });
    expect(await set.isRevoked("h", at(0))).toBe(false);
    await Promise.resolve();
    pushed!(decodeRevocationPayload(JSON.stringify([["forged", 1e300, 1e300]])));
    await memory.recordRevocations([{ sessionHandle: "h", revokedAt: at(1), expiresAt: at(3601) }]);
    expect(await set.isRevoked("h", at(2))).toBe(true);
  });
});
