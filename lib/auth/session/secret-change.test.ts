// Changing GATEHOUSE_SECRET on purpose (it leaked, or a policy rotates it). The signing-key rows
// are sealed and authenticated under the old secret, and the key ring rightly refuses to start a
// new set of its own accord (signing-key-mac.test.ts: a misconfigured instance must not). Without
// a way to say "the change was meant", signing stayed stopped until the old rows' windows ran out
// (a rotation interval, 7 days by default): no sign-in, no refresh, every access token 503.
import { describe, expect, it } from "vitest";
import { isGatehouseError } from "../errors";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestClock, createTestEngine } from "../testing/test-engine";
import { refreshSession } from "./refresh-session";
import { createNewSession, getSession } from "./session";
import { resetSigningKeys, rotateSigningKeys } from "./session-info";

const NEW_SECRET = "a-new-app-secret-".repeat(4);

describe("a deliberate change of GATEHOUSE_SECRET", () => {
  it("resetSigningKeys replaces the old secret's key set, after which the new secret signs and verifies", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const before = createTestEngine({}, { stores, clock });
    const old = await createNewSession(before.ctx, { userId: "u1" });

    const after = createTestEngine({}, { stores, clock, secret: NEW_SECRET });
    // Without the reset: refused, as a misconfiguration would be (and rotating does not help).
    const refused = await createNewSession(after.ctx, { userId: "u1" }).catch((e: unknown) => e);
    expect(isGatehouseError(refused) && refused.code).toBe("SIGNING_KEY_UNAVAILABLE");
    expect(isGatehouseError(await rotateSigningKeys(after.ctx).catch((e: unknown) => e))).toBe(true);

    const reset = await resetSigningKeys(after.ctx);
    expect(reset.removed).toBe(1);
    const fresh = await createNewSession(after.ctx, { userId: "u1" });
    expect((await getSession(after.ctx, { accessToken: fresh.accessToken })).status).toBe("OK");
    expect((await after.ctx.keyRing.getJwks(clock.now())).keys.map((k) => k.kid)).toEqual([reset.kid]);

    // Nothing of the old secret's works any longer: its access token's key is gone, and its
    // refresh token's tag was made with the old secret.
    expect((await getSession(after.ctx, { accessToken: old.accessToken })).status).not.toBe("OK");
    expect((await refreshSession(after.ctx, { refreshToken: old.refreshToken! })).status).not.toBe("OK");
  });

  it("on a database without keys it just starts the set", async () => {
    const { ctx } = createTestEngine({}, { secret: NEW_SECRET });
    const reset = await resetSigningKeys(ctx);
    expect(reset.removed).toBe(0);
    expect((await createNewSession(ctx, { userId: "u1" })).accessToken).toBeTruthy();
  });
});
