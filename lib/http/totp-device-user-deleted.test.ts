/**
 * An authenticator set up by a user whom an operator deletes at that moment: the session passed
 * its check, then the user (and the session with them) went before the device was written. The
 * device has no user to belong to, so nothing is written, and the answer is the revoked
 * session's 401, not a 503 that tells the client to try again.
 */
import { describe, expect, it } from "vitest";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { deleteUser } from "../auth/users/users";
import { setup, signUp } from "./testing/password-reset-takeover-harness";

describe("a TOTP device set up while its user is deleted", () => {
  it("answers 401 and writes nothing", async () => {
    const stores = createMemoryStores();
    // Staged just before the device's write, after every check of the request.
    const deviceWritten = interleaveAt(stores.mfa, "createTotpDevice");
    const s = setup({ mfa: {} }, stores);
    const browser = s.browser();
    const userId = await signUp(browser, "someone@example.com", "someone-pw-1");
    deviceWritten.before(async () => void expect((await deleteUser(s.ctx, userId)).didUserExist).toBe(true));
    const response = await browser.post("/totp/device", { deviceName: "Phone" }, "totp");
    expect(deviceWritten.pending).toBe(false);
    expect(response.status).toBe(401);
    expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
  });
});
