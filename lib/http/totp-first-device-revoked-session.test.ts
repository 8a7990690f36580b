/**
 * Verifying a user's first authenticator ends the recovery codes a removed device left, and any
 * passkey recovery link (lib/auth/totp/verify-totp.ts). A session revoked before its verify got
 * that far makes no factor (the device goes, 401): it must not end those either, or a session
 * the owner signed out (a thief's) still wipes the owner's codes with one right code.
 */
import { describe, expect, it } from "vitest";
import { revokeAllSessionsForUser } from "../auth/session/session-revocation";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { totpCode } from "../auth/testing/rfc6238";
import { setup, signUp } from "./testing/password-reset-takeover-harness";

describe("a first authenticator verified by a session revoked meanwhile", () => {
  it("leaves the recovery codes of the removed device in place", async () => {
    const stores = createMemoryStores();
    // Staged (below) after the verify request's session check.
    const devicesRead = interleaveAt(stores.mfa, "listTotpDevices");
    const s = setup({ mfa: {} }, stores);
    const browser = s.browser();
    const userId = await signUp(browser, "someone@example.com", "someone-pw-1");
    const old = await (await browser.post("/totp/device", { deviceName: "Old" }, "totp")).json();
    const oldVerified = await browser.post("/totp/device/verify", { deviceName: "Old", totp: totpCode(old.secret, s.clock.now()) }, "totp");
    expect((await oldVerified.json()).status).toBe("OK");
    expect((await (await browser.post("/mfa/recovery-codes", undefined, "totp")).json()).recoveryCodes).toHaveLength(10);
    expect((await (await browser.post("/totp/device/remove", { deviceName: "Old" }, "totp")).json()).status).toBe("OK");
    s.clock.advanceSeconds(30);

    const next = await (await browser.post("/totp/device", { deviceName: "New" }, "totp")).json();
    expect(next.status).toBe("OK");
    // The owner signs out everywhere.
    devicesRead.before(async () => {
      expect(await revokeAllSessionsForUser(s.ctx, userId)).toHaveLength(1);
    });
    const verified = await browser.post("/totp/device/verify", { deviceName: "New", totp: totpCode(next.secret, s.clock.now()) }, "totp");
    expect(devicesRead.pending).toBe(false);
    expect(verified.status).toBe(401);
    expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(10);
  });
});
