/**
 * Verifying a user's first authenticator ends what stood in for one: the recovery codes a
 * removed device left, and any passkey recovery link (lib/auth/totp/verify-totp.ts). That
 * clean-up runs before the code's write makes the device verified, which leaves two moments for
 * another request to step in.
 */
import { describe, expect, it } from "vitest";
import { findEmailToken, issueEmailToken } from "../auth/email-tokens/email-token";
import type { Stores } from "../auth/ports";
import { revokeAllSessionsForUser } from "../auth/session/session-revocation";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { totpCode } from "../auth/testing/rfc6238";
import { setup, signUp } from "./testing/password-reset-takeover-harness";

/** An MFA engine on `stores`, and a user signed up in its browser. */
async function signedUp(stores: Stores) {
  const s = setup({ mfa: {} }, stores);
  const browser = s.browser();
  const userId = await signUp(browser, "someone@example.com", "someone-pw-1");
  const addDevice = async (deviceName: string) => {
    const device = await (await browser.post("/totp/device", { deviceName }, "totp")).json();
    expect(device.status).toBe("OK");
    return device as { secret: string };
  };
  const verifyDevice = (deviceName: string, secret: string) =>
    browser.post("/totp/device/verify", { deviceName, totp: totpCode(secret, s.clock.now()) }, "totp");
  return { s, browser, userId, addDevice, verifyDevice };
}

describe("a passkey recovery link asked for while the first authenticator is verified", () => {
  // A link asked for between the clean-up and the write was sent while the account had no
  // authenticator: it must go too, or it comes back to life should this one be removed.
  it("is ended with the ones sent before", async () => {
    const stores = createMemoryStores();
    // Staged just before the code is recorded, which makes the device verified.
    const codeRecorded = interleaveAt(stores.mfa, "recordTotpStep");
    const { s, userId, addDevice, verifyDevice } = await signedUp(stores);
    const device = await addDevice("Phone");
    let link = "";
    codeRecorded.before(async () => {
      // What POST /user/webauthn/reset/token stores for a link (lib/auth/webauthn/recover.ts).
      link = (await issueEmailToken(s.ctx, stores.webauthnRecoverTokens, { userId, email: "someone@example.com", ttlSeconds: 3600 }))!;
    });
    const verified = await verifyDevice("Phone", device.secret);
    expect(codeRecorded.pending).toBe(false);
    expect(await verified.json()).toEqual({ status: "OK", wasAlreadyVerified: false });
    expect(await findEmailToken(stores.webauthnRecoverTokens, link)).toBeNull();
  });
});

describe("a first authenticator verified by a session revoked meanwhile", () => {
  // That session makes no factor (the device goes, 401): it must not end the codes and link
  // either, or a session the owner signed out (a thief's) still wipes them with one right code.
  it("leaves the recovery codes of the removed device in place", async () => {
    const stores = createMemoryStores();
    // Staged (below) after the verify request's session check.
    const devicesRead = interleaveAt(stores.mfa, "listTotpDevices");
    const { s, browser, userId, addDevice, verifyDevice } = await signedUp(stores);
    const old = await addDevice("Old");
    expect((await (await verifyDevice("Old", old.secret)).json()).status).toBe("OK");
    expect((await (await browser.post("/mfa/recovery-codes", undefined, "totp")).json()).recoveryCodes).toHaveLength(10);
    expect((await (await browser.post("/totp/device/remove", { deviceName: "Old" }, "totp")).json()).status).toBe("OK");
    s.clock.advanceSeconds(30);

    const next = await addDevice("New");
    // The owner signs out everywhere.
    devicesRead.before(async () => {
      expect(await revokeAllSessionsForUser(s.ctx, userId)).toHaveLength(1);
    });
    const verified = await verifyDevice("New", next.secret);
    expect(devicesRead.pending).toBe(false);
    expect(verified.status).toBe(401);
    expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(10);
  });
});
