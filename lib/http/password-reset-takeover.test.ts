/**
 * The pre-registration attack against password reset, over HTTP: an attacker signs up under the
 * victim's address (unverified) and, signed in, adds an authenticator with recovery codes, a
 * passkey, an organization with an invitation to an address of its own. The victim, refused at
 * sign-up, resets the password through the emailed link, which proves the address and takes the
 * account over (lib/auth/users/unproven-account-takeover.ts): none of it survives, and a sign-in
 * racing the reset keeps no session. What the pre-registrant's session writes while the reset
 * runs: password-reset-takeover-races.test.ts. The engine-level cases (an account given the
 * address by an email change, the verified case): lib/auth/passwordreset/reset-takeover.test.ts.
 */
import { describe, expect, it } from "vitest";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { totpCode } from "../auth/testing/rfc6238";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { credentials } from "./testing/client";
import { payloadOf } from "./testing/mfa-harness";
import { sessionStands, signInWithPasskey } from "./testing/passkey-recovery-harness";
import { setup, signUp, VICTIM } from "./testing/password-reset-takeover-harness";

describe("a password reset that proves the address a pre-registrant signed up with", () => {
  it("removes the authenticator and recovery codes the pre-registrant set up: the owner signs in without a factor it never had", async () => {
    const s = setup({ mfa: {} });
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    const device = await (await attacker.post("/totp/device", { deviceName: "Attacker" }, "totp")).json();
    expect(device.status).toBe("OK");
    const verified = await attacker.post("/totp/device/verify", { deviceName: "Attacker", totp: totpCode(device.secret, s.clock.now()) }, "totp");
    expect(await verified.json()).toEqual({ status: "OK", wasAlreadyVerified: false });
    const codes = await (await attacker.post("/mfa/recovery-codes", undefined, "totp")).json();
    expect(codes.recoveryCodes).toHaveLength(10);

    expect(await s.resetByVictim()).toEqual({ status: "OK" });
    expect(await sessionStands(attacker)).toEqual({ checked: 401, refreshed: 401 });
    const victim = s.browser();
    const signedIn = await victim.post("/signin", credentials(VICTIM, "victim-pw-2"), "emailpassword");
    expect((await signedIn.clone().json()).status).toBe("OK");
    expect(payloadOf(signedIn)["st-mfa"]).toMatchObject({ v: true });
    expect(await sessionStands(victim)).toEqual({ checked: 200, refreshed: 200 });
    expect(await (await victim.get("/totp/device/list", "totp")).json()).toEqual({ status: "OK", devices: [] });
    expect(await s.stores.mfa.countRecoveryCodes(userId)).toBe(0);
  });

  it("revokes the invitation the pre-registrant sent to an address of its own, so it cannot join beside the owner", async () => {
    const s = setup();
    const attacker = s.browser();
    await signUp(attacker, VICTIM, "attacker-pw-1");
    const made = await attacker.post("/organizations", { slug: "trap", name: "Trap" }, "session");
    expect((await made.json()).status).toBe("OK");
    const invited = await attacker.post("/organizations/trap/invitations", { email: "attacker@example.net", role: "admin" }, "session");
    expect((await invited.json()).status).toBe("OK");
    await s.settle();
    const invitation = s.delivery.sent.filter((m) => m.to === "attacker@example.net").at(-1)!;
    const invitationToken = new URL(invitation.link).searchParams.get("token")!;

    expect(await s.resetByVictim()).toEqual({ status: "OK" });
    const accomplice = s.browser();
    await signUp(accomplice, "attacker@example.net", "attacker-pw-2");
    const accepted = await accomplice.post("/organizations/invitations/accept", { token: invitationToken }, "session");
    expect(await accepted.json()).toMatchObject({ status: "INVITATION_NOT_OPEN" });
    expect(await s.stores.organizations.listOpenInvitations("trap", s.ctx.now())).toEqual([]);
  });

  it("a passkey sign-in landing between the reset's first revocation and its removals keeps no session", async () => {
    const stores = createMemoryStores();
    // Staged right after the reset revoked the sessions: the attacker's passkey sign-in writes then.
    const revocation = interleaveAt(stores.sessions, "deleteSessionsForUser");
    const s = setup({}, stores);
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    const options = await (await attacker.post("/webauthn/options/register", { email: VICTIM })).json();
    const added = createPasskey(options, ORIGIN);
    const add = { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, recipeUserId: userId, credential: added.response };
    expect(await (await attacker.post("/webauthn/credential", add)).json()).toEqual({ status: "OK" });
    const late = s.browser();
    revocation.after(async () => {
      expect(await signInWithPasskey(late, added.passkey)).toMatchObject({ status: "OK", user: { id: userId } });
    });

    expect(await s.resetByVictim()).toEqual({ status: "OK" });
    expect(revocation.pending).toBe(false);
    expect(await sessionStands(late)).toEqual({ checked: 401, refreshed: 401 });
    expect(await stores.sessions.listSessionHandlesForUser(userId, s.ctx.now())).toEqual([]);
    expect(await signInWithPasskey(s.browser(), added.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
  });
});
