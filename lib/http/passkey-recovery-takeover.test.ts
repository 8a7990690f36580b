/**
 * Passkey pre-registration through recovery, over HTTP: an attacker signs up under the victim's
 * address (a passkey, or a password and then a passkey), which stays unverified; the victim,
 * refused at sign-up, recovers the account by email. The recovery proves the address and takes
 * the account over: the attacker's passkeys, password and sessions no longer work. On an account
 * whose address was verified, recovery only adds a passkey, as before. Sign-ins and additions
 * racing the takeover: passkey-recovery-takeover-races.test.ts.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { updateEmail } from "../auth/emailpassword/update-email";
import { inviteMember } from "../auth/organizations/invitations";
import { createOrganization } from "../auth/organizations/organizations";
import { signInUpWithProfile } from "../auth/thirdparty/sign-in-up";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { credentials } from "./testing/client";
import { recover, sessionStands, setup, signInWithPasskey, signUpWithPasskey } from "./testing/passkey-recovery-harness";

const VICTIM = "victim@example.com";

describe("recovery of an account whose address nobody had proven", () => {
  it("takes a passkey pre-registration over: the attacker's passkey and session no longer work, the victim's passkey does", async () => {
    const s = setup();
    const attacker = s.browser();
    const planted = await signUpWithPasskey(attacker, VICTIM);
    expect(planted.body).toMatchObject({ status: "OK", user: { emails: [VICTIM] } });
    const userId: string = planted.body.user.id;

    const victim = s.browser();
    expect((await signUpWithPasskey(victim, VICTIM)).body).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
    const recovered = await recover(s, victim, VICTIM);
    expect(recovered.body).toMatchObject({ status: "OK", email: VICTIM, user: { id: userId } });

    expect(await sessionStands(attacker)).toEqual({ checked: 401, refreshed: 401 });
    expect(await signInWithPasskey(attacker, planted.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(await signInWithPasskey(victim, recovered.passkey)).toMatchObject({ status: "OK", user: { id: userId } });
    expect(await sessionStands(victim)).toEqual({ checked: 200, refreshed: 200 });
    expect((await s.stores.webauthn.listCredentials(userId)).map((c) => c.credentialId)).toEqual([
      recovered.passkey.credentialId.toString("base64url"),
    ]);
    expect((await s.stores.users.getUserById(userId))?.emailVerified).toBe(true);

    await s.ctx.audit.settled();
    const events = (await s.stores.audit.listEvents({ userId, limit: 50 })).map((e) => [e.type, e.detail.reason ?? null]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["webauthn.credential_removed", "RECOVERY_PROVED_EMAIL"],
        ["session.revoked", "RECOVERY_PROVED_EMAIL"],
        ["email.verified", "RECOVERY_PROVED_EMAIL"],
      ]),
    );
  });

  it("takes a password pre-registration over: the password the attacker set and the passkey it added no longer sign in", async () => {
    const s = setup();
    const attacker = s.browser();
    const signedUp = await (await attacker.post("/signup", credentials(VICTIM, "attacker-pw-1"), "emailpassword")).json();
    expect(signedUp.status).toBe("OK");
    const more = await (await attacker.post("/webauthn/options/register", { email: VICTIM })).json();
    const added = createPasskey(more, ORIGIN);
    const add = { webauthnGeneratedOptionsId: more.webauthnGeneratedOptionsId, recipeUserId: signedUp.user.id, credential: added.response };
    expect(await (await attacker.post("/webauthn/credential", add)).json()).toEqual({ status: "OK" });

    const victim = s.browser();
    expect((await signUpWithPasskey(victim, VICTIM)).body).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
    expect((await recover(s, victim, VICTIM)).body).toMatchObject({ status: "OK", user: { id: signedUp.user.id } });

    expect(await sessionStands(attacker)).toEqual({ checked: 401, refreshed: 401 });
    expect(await signInWithPasskey(attacker, added.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    const again = await (await s.browser().post("/signin", credentials(VICTIM, "attacker-pw-1"), "emailpassword")).json();
    expect(again).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
  });

  it("takes over an account given the address by an email change: the registrant's provider identity, phone number and authenticator go", async () => {
    const s = setup();
    const google = (sub: string, email: string) =>
      signInUpWithProfile(s.ctx, { thirdPartyId: "google", profile: { id: sub, email, emailVerified: true }, raw: {} });
    // The attacker's own account: a phone number, then its own address proven and a provider linked to it.
    const phoneNumber = "+4915112345678";
    const userId = randomUUID();
    const user = { id: userId, email: null, emailVerified: false, timeJoined: s.ctx.now() };
    expect((await s.stores.passwordless.createPasswordlessUser({ user, account: { userId, email: null, phoneNumber } })).status).toBe("OK");
    expect(await updateEmail(s.ctx, userId, "attacker@example.net")).toEqual({ status: "OK" });
    expect(await s.stores.users.markEmailVerified(userId, "attacker@example.net")).toBe(true);
    const linked = await google("attacker-sub", "attacker@example.net");
    expect(linked).toMatchObject({ status: "OK", user: { id: userId } });
    const device = {
      id: randomUUID(),
      userId,
      name: "phone",
      sealedSecret: "x",
      period: 30,
      skew: 1,
      verified: true,
      lastUsedStep: null,
      createdAt: s.ctx.now(),
    };
    expect((await s.stores.mfa.createTotpDevice(device)).status).toBe("OK");
    // Then the deployer's email change gives it the victim's address, unverified.
    expect(await updateEmail(s.ctx, userId, VICTIM)).toEqual({ status: "OK" });

    const victim = s.browser();
    expect((await signUpWithPasskey(victim, VICTIM)).body).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
    expect((await recover(s, victim, VICTIM)).body).toMatchObject({ status: "OK", user: { id: userId } });

    expect((await s.stores.thirdParty.getLoginMethods(userId))?.thirdPartyAccounts).toEqual([]);
    expect(await s.stores.passwordless.getAccountByUserId(userId)).toBeNull();
    expect(await s.stores.passwordless.findAccount({ phoneNumber })).toBeNull();
    expect(await s.stores.mfa.listTotpDevices(userId)).toEqual([]);
    expect(await s.stores.sessions.listSessionHandlesForUser(userId, s.ctx.now())).toEqual([]);
    // The attacker's provider sign-in now lands elsewhere, never in the victim's account.
    const again = await google("attacker-sub", "attacker@example.net");
    expect(again.status).toBe("OK");
    expect(again.status === "OK" && again.user.id).not.toBe(userId);
    await s.ctx.audit.settled();
    const events = (await s.stores.audit.listEvents({ userId, limit: 50 })).map((e) => [e.type, e.detail.reason ?? null]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["thirdparty.identity_removed", "RECOVERY_PROVED_EMAIL"],
        ["passwordless.account_removed", "RECOVERY_PROVED_EMAIL"],
        ["mfa.factor_removed", "RECOVERY_PROVED_EMAIL"],
      ]),
    );
  });

  it("revokes the invitations the registrant sent, so none brings it back in beside the owner", async () => {
    const s = setup();
    const planted = await signUpWithPasskey(s.browser(), VICTIM);
    const userId: string = planted.body.user.id;
    const made = await createOrganization(s.ctx, { userId, slug: "trap", name: "Trap" });
    if (made.status !== "OK") throw new Error(made.status);
    const organizationId = made.organization.id;
    expect((await inviteMember(s.ctx, { organizationId, userId, email: "attacker@example.net", role: "admin" })).status).toBe("OK");
    expect(await s.stores.organizations.listOpenInvitations(organizationId, s.ctx.now())).toHaveLength(1);

    expect((await recover(s, s.browser(), VICTIM)).body).toMatchObject({ status: "OK", user: { id: userId } });
    expect(await s.stores.organizations.listOpenInvitations(organizationId, s.ctx.now())).toEqual([]);
  });
});

describe("recovery of an account whose address was verified", () => {
  it("adds the passkey and leaves the others and the sessions alone", async () => {
    const s = setup();
    const owner = s.browser();
    const first = await signUpWithPasskey(owner, "ada@example.com");
    const userId: string = first.body.user.id;
    expect(await s.stores.users.markEmailVerified(userId, "ada@example.com")).toBe(true);

    const recovered = await recover(s, s.browser(), "ada@example.com");
    expect(recovered.body).toMatchObject({ status: "OK", user: { id: userId } });
    expect(await sessionStands(owner)).toEqual({ checked: 200, refreshed: 200 });
    expect(await signInWithPasskey(s.browser(), first.passkey)).toMatchObject({ status: "OK", user: { id: userId } });
    expect(await signInWithPasskey(s.browser(), recovered.passkey)).toMatchObject({ status: "OK", user: { id: userId } });
    expect(await s.stores.webauthn.listCredentials(userId)).toHaveLength(2);
  });
});
