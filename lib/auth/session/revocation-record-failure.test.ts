// A revocation is two writes: the session row goes, and the revocation is recorded for the other
// instances (revocation-log.ts). If recording fails after the row went, a retry finds no row and
// records nothing: every other instance keeps accepting the revoked session's access token until
// it expires. Recorded first, a failure leaves the session as it was, and the retry does both.
import { describe, expect, it } from "vitest";
import type { Stores } from "../ports";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, getSession } from "./session";
import { revokeAllSessionsForUser, revokeSession } from "./session-revocation";

function storesFailingOnce(): { stores: Stores; failNextRecord: () => void } {
  const stores = createMemoryStores();
  let fail = false;
  const revocations = {
    ...stores.revocations,
    async recordRevocations(rows: Parameters<Stores["revocations"]["recordRevocations"]>[0]) {
      if (fail) {
        fail = false;
        throw new Error("revocations.recordRevocations: database unreachable");
      }
      return stores.revocations.recordRevocations(rows);
    },
  };
  return { stores: { ...stores, revocations }, failNextRecord: () => (fail = true) };
}

async function twoInstances() {
  const { stores, failNextRecord } = storesFailingOnce();
  const here = createTestEngine({ session: { revocationSyncIntervalMs: 1000 } }, { stores });
  const there = createTestEngine({ session: { revocationSyncIntervalMs: 1000 } }, { stores, clock: here.clock });
  const tokens = await createNewSession(here.ctx, { userId: "u1" });
  expect((await getSession(there.ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
  return { here, there, tokens, stores, failNextRecord };
}

describe("a revocation whose recording fails can be retried, and then reaches every instance", () => {
  it("revokeSession", async () => {
    const { here, there, tokens, stores, failNextRecord } = await twoInstances();
    failNextRecord();
    await expect(revokeSession(here.ctx, tokens.sessionHandle)).rejects.toThrow();
    // Nothing is half done: the session is still there to be revoked again.
    expect(await stores.sessions.getSession(tokens.sessionHandle)).not.toBeNull();
    expect(await revokeSession(here.ctx, tokens.sessionHandle)).toBe(true);
    expect(await stores.sessions.getSession(tokens.sessionHandle)).toBeNull();
    here.clock.advanceSeconds(1);
    expect((await getSession(there.ctx, { accessToken: tokens.accessToken })).status).toBe("UNAUTHORISED");
  });

  it("revokeAllSessionsForUser", async () => {
    const { here, there, tokens, stores, failNextRecord } = await twoInstances();
    failNextRecord();
    await expect(revokeAllSessionsForUser(here.ctx, "u1")).rejects.toThrow();
    expect(await stores.sessions.getSession(tokens.sessionHandle)).not.toBeNull();
    expect(await revokeAllSessionsForUser(here.ctx, "u1")).toEqual([tokens.sessionHandle]);
    here.clock.advanceSeconds(1);
    expect((await getSession(there.ctx, { accessToken: tokens.accessToken })).status).toBe("UNAUTHORISED");
  });
});
