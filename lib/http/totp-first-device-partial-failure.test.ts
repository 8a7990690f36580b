import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch } from "../auth/testing/outage-stores";
import { totpCode } from "../auth/testing/rfc6238";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

/**
 * Verifying a user's first authenticator deletes the recovery codes left from a device removed
 * before (docs/mfa.md). The device becomes verified with its first code; a failure after that
 * write (the database going away) answered 503, and the retry, finding the device verified,
 * passed the clean-up by: the old codes went on completing the factor beside the new device.
 */
describe("POST /totp/device/verify failing half-way on a first device", () => {
  it("leaves no recovery code from a removed device once the retry succeeds", async () => {
    const memory = createMemoryStores();
    const { stores, outage } = withOutageSwitch(memory);
    const trigger = outageAt(stores, outage, "mfa", "recordTotpStep", "after");
    const { ctx, clock } = createTestEngine({ mfa: {} }, { stores });
    const client = createAuthClient(ctx);
    const post = async (path: string, body?: unknown) => client.send("POST", `${API}${path}`, { body });
    expect((await (await post("/signup", credentials("first@example.com", "mfa-test-pw-1"))).json()).status).toBe("OK");
    const userId = (await memory.users.findEmailPasswordAccountByEmail("first@example.com"))!.user.id;

    const phone = await (await post("/totp/device", { deviceName: "Phone" })).json();
    expect((await (await post("/totp/device/verify", { deviceName: "Phone", totp: totpCode(phone.secret, clock.now()) })).json()).status).toBe("OK");
    expect((await (await post("/mfa/recovery-codes")).json()).recoveryCodes).toHaveLength(10);
    expect(await (await post("/totp/device/remove", { deviceName: "Phone" })).json()).toEqual({ status: "OK", didDeviceExist: true });
    clock.advanceSeconds(30);

    const next = await (await post("/totp/device", { deviceName: "New phone" })).json();
    trigger.armed = true;
    const failed = await post("/totp/device/verify", { deviceName: "New phone", totp: totpCode(next.secret, clock.now()) });
    expect(failed.status).toBe(503);
    trigger.armed = false;
    outage.down = false;

    clock.advanceSeconds(30);
    const retried = await post("/totp/device/verify", { deviceName: "New phone", totp: totpCode(next.secret, clock.now()) });
    expect((await retried.json()).status).toBe("OK");
    expect(await memory.mfa.countRecoveryCodes(userId)).toBe(0);
  });
});
