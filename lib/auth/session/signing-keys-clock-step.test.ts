/**
 * The instance's own clock stepping back (an NTP correction): the key set must still learn a kid
 * another instance made, and follow another instance's retirement within a minute, as
 * docs/sessions.md promises, rather than once the clock has caught up with its last read again.
 */
import { describe, expect, it } from "vitest";
import { createTestClock, createTestEngine, T0 } from "../testing/test-engine";
import { createNewSession, getSession } from "./session";
import { rotateSigningKeys } from "./session-info";

/** Instance `a` on the right time, `b` on the same store with a clock 10 minutes ahead. */
async function twoInstancesOneAhead() {
  const a = createTestEngine();
  const b = createTestEngine({}, { stores: a.stores, clock: createTestClock(new Date(T0.getTime() + 600_000)) });
  const first = await createNewSession(a.ctx, { userId: "u1" });
  expect((await getSession(b.ctx, { accessToken: first.accessToken })).status).toBe("OK"); // b reads the keys
  b.clock.advanceSeconds(-600); // b's clock is put right
  return { a, b, first };
}

describe("signing keys when this instance's clock steps back", () => {
  it("a kid made by another instance after the step is learnt at once", async () => {
    const { a, b } = await twoInstancesOneAhead();
    await rotateSigningKeys(a.ctx);
    const second = await createNewSession(a.ctx, { userId: "u1" });
    expect((await getSession(b.ctx, { accessToken: second.accessToken })).status).toBe("OK");
  });

  it("another instance's retirement after the step reaches this instance within a minute", async () => {
    const { a, b, first } = await twoInstancesOneAhead();
    await rotateSigningKeys(a.ctx, { retireOldKeys: true });
    a.clock.advanceSeconds(60);
    b.clock.advanceSeconds(60);
    expect((await getSession(b.ctx, { accessToken: first.accessToken })).status).not.toBe("OK");
  });
});
