import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch } from "../auth/testing/outage-stores";
import { credentials } from "./testing/client";
import { recover, sessionStands } from "./testing/passkey-recovery-harness";
import { setup, signUp, VICTIM } from "./testing/password-reset-takeover-harness";

/**
 * A passkey recovery that proves an unproven address takes the account from whoever registered
 * it (lib/auth/webauthn/recovery-takeover.ts). The link is spent and the owner's passkey added
 * before that; a failure right after the passkey's write (the database going away) answered 503
 * with the registrant's password and session still standing beside the owner's new passkey: the
 * owner, signing in with it, would share the account with them.
 */
describe("POST /user/webauthn/reset failing half-way on an unproven account", () => {
  it("leaves the pre-registrant neither its session nor its password", async () => {
    const { stores, outage } = withOutageSwitch(createMemoryStores());
    const trigger = outageAt(stores, outage, "webauthn", "addCredential", "after");
    const s = setup({}, stores);
    const attacker = s.browser();
    await signUp(attacker, VICTIM, "attacker-pw-1");

    trigger.armed = true;
    const { body } = await recover(s, s.browser(), VICTIM);
    expect(body).toMatchObject({ status: "SERVICE_UNAVAILABLE" });
    trigger.armed = false;
    outage.down = false;

    expect(await sessionStands(attacker)).toEqual({ checked: 401, refreshed: 401 });
    const again = await s.browser().post("/signin", credentials(VICTIM, "attacker-pw-1"), "emailpassword");
    expect((await again.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
  });
});
