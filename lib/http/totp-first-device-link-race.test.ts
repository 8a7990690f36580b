/**
 * A user's first authenticator ends any passkey recovery link sent before it (such a link is
 * refused while an authenticator exists, and must not come back to life should that one be
 * removed within its lifetime: lib/auth/totp/verify-totp.ts). The clean-up runs before the code's
 * write makes the device verified; a link asked for between the two was sent while the account
 * had no authenticator, so it has to go too.
 */
import { describe, expect, it } from "vitest";
import { issueEmailToken, findEmailToken } from "../auth/email-tokens/email-token";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { totpCode } from "../auth/testing/rfc6238";
import { setup, signUp } from "./testing/password-reset-takeover-harness";

describe("a passkey recovery link asked for while the first authenticator is verified", () => {
  it("is ended with the ones sent before", async () => {
    const stores = createMemoryStores();
    // Staged just before the code is recorded, which makes the device verified.
    const codeRecorded = interleaveAt(stores.mfa, "recordTotpStep");
    const s = setup({ mfa: {} }, stores);
    const browser = s.browser();
    const userId = await signUp(browser, "someone@example.com", "someone-pw-1");
    const device = await (await browser.post("/totp/device", { deviceName: "Phone" }, "totp")).json();
    expect(device.status).toBe("OK");
    let link = "";
    codeRecorded.before(async () => {
      // What POST /user/webauthn/reset/token stores for a link (lib/auth/webauthn/recover.ts).
      link = await issueEmailToken(s.ctx, stores.webauthnRecoverTokens, { userId, email: "someone@example.com", ttlSeconds: 3600 });
    });
    const verified = await browser.post("/totp/device/verify", { deviceName: "Phone", totp: totpCode(device.secret, s.clock.now()) }, "totp");
    expect(codeRecorded.pending).toBe(false);
    expect(await verified.json()).toEqual({ status: "OK", wasAlreadyVerified: false });
    expect(await findEmailToken(stores.webauthnRecoverTokens, link)).toBeNull();
  });
});
