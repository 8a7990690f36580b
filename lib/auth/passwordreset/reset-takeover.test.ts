/**
 * A password reset that is the first proof of the address takes the account over from whoever
 * registered it unproven (users/unproven-account-takeover.ts), as a passkey recovery does; one
 * of a verified address removes nothing. Over HTTP, with the registrant's own requests:
 * lib/http/password-reset-takeover.test.ts.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIn } from "../emailpassword/sign-in";
import { updateEmail } from "../emailpassword/update-email";
import { inviteMember } from "../organizations/invitations";
import { createOrganization } from "../organizations/organizations";
import { signInUpWithProvenContact } from "../passwordless/sign-in-up";
import { createNewSession } from "../session/session";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { signInUpWithProfile } from "../thirdparty/sign-in-up";
import { resetPasswordUsingToken } from "./reset-password";
import { sendPasswordResetEmail } from "./send-reset-email";

const VICTIM = "victim@example.com";
const creds = (email: string, password: string) => ({ email, password, formFields: { email, password } });

type Engine = ReturnType<typeof createEmailEngine>;

/** The victim asks for a link and sets a password with it; the reset's answer. */
async function resetByVictim(engine: Engine, keepSessionHandle?: string) {
  const asked = await sendPasswordResetEmail(engine.ctx, { email: VICTIM });
  if (asked.status === "OK") await asked.delivery;
  const link = engine.delivery.sent.filter((m) => m.kind === "PASSWORD_RESET" && m.to === VICTIM).at(-1);
  return resetPasswordUsingToken(engine.ctx, { token: tokenOf(link), newPassword: "victim-pw-2", keepSessionHandle });
}

/** A verified authenticator device and ten recovery codes, as the registrant's session would have made them. */
async function plantSecondFactor(engine: Engine, userId: string) {
  const device = {
    id: randomUUID(),
    userId,
    name: "Attacker's phone",
    sealedSecret: "sealed",
    period: 30,
    skew: 1,
    verified: true,
    lastUsedStep: null,
    createdAt: engine.ctx.now(),
  };
  expect((await engine.stores.mfa.createTotpDevice(device)).status).toBe("OK");
  const hashes = Array.from({ length: 10 }, () => randomUUID());
  await engine.stores.mfa.replaceRecoveryCodes(userId, hashes, engine.ctx.now());
}

async function eventsWithReason(engine: Engine, userId: string) {
  await engine.ctx.audit.settled();
  return (await engine.stores.audit.listEvents({ userId, limit: 100 })).map((e) => [e.type, e.detail.reason ?? null]);
}

describe("a password reset that proves a not-yet-verified address", () => {
  it("removes the registrant's authenticator devices and recovery codes: the owner is not asked for a factor it never had", async () => {
    const engine = createEmailEngine();
    const { user } = await engine.signUpUser(VICTIM, "attacker-pw-1");
    await plantSecondFactor(engine, user.id);

    expect(await resetByVictim(engine)).toMatchObject({ status: "OK", userId: user.id });
    expect(await engine.stores.mfa.listTotpDevices(user.id)).toEqual([]);
    expect(await engine.stores.mfa.countRecoveryCodes(user.id)).toBe(0);
    expect((await signIn(engine.ctx, creds(VICTIM, "victim-pw-2"))).status).toBe("OK");
    expect(await eventsWithReason(engine, user.id)).toEqual(
      expect.arrayContaining([
        ["mfa.factor_removed", "PASSWORD_RESET_PROVED_EMAIL"],
        ["session.revoked", "PASSWORD_RESET_PROVED_EMAIL"],
        ["email.verified", "PASSWORD_RESET_PROVED_EMAIL"],
      ]),
    );
  });

  it("takes over an account given the address by an email change: its provider identity, passwordless account and invitations go", async () => {
    const engine = createEmailEngine();
    const { ctx, stores } = engine;
    const google = () =>
      signInUpWithProfile(ctx, {
        thirdPartyId: "google",
        profile: { id: "attacker-sub", email: "attacker@example.net", emailVerified: true },
        raw: {},
      });
    // The registrant's own account: its own address proven, a provider and a passwordless sign-in linked to it.
    const { user } = await engine.signUpUser("attacker@example.net", "attacker-pw-1");
    expect(await stores.users.markEmailVerified(user.id, "attacker@example.net")).toBe(true);
    expect(await google()).toMatchObject({ status: "OK", user: { id: user.id } });
    expect(await signInUpWithProvenContact(ctx, { email: "attacker@example.net" }, "code", {})).toMatchObject({
      status: "OK",
      user: { id: user.id },
    });
    const made = await createOrganization(ctx, { userId: user.id, slug: "trap", name: "Trap" });
    if (made.status !== "OK") throw new Error(made.status);
    expect((await inviteMember(ctx, { organizationId: "trap", userId: user.id, email: "attacker@example.org", role: "admin" })).status).toBe("OK");
    // Then the deployer's email change gives it the victim's address, unverified.
    expect(await updateEmail(ctx, user.id, VICTIM)).toEqual({ status: "OK" });

    expect(await resetByVictim(engine)).toMatchObject({ status: "OK", userId: user.id });
    expect((await stores.thirdParty.getLoginMethods(user.id))?.thirdPartyAccounts).toEqual([]);
    expect(await stores.passwordless.getAccountByUserId(user.id)).toBeNull();
    expect(await stores.organizations.listOpenInvitations("trap", ctx.now())).toEqual([]);
    expect(await stores.sessions.listSessionHandlesForUser(user.id, ctx.now())).toEqual([]);
    expect((await stores.users.getUserById(user.id))?.emailVerified).toBe(true);
    // The registrant's provider sign-in now lands elsewhere, never in the owner's account.
    const again = await google();
    expect(again.status === "OK" && again.user.id).not.toBe(user.id);
    expect(await eventsWithReason(engine, user.id)).toEqual(
      expect.arrayContaining([
        ["thirdparty.identity_removed", "PASSWORD_RESET_PROVED_EMAIL"],
        ["passwordless.account_removed", "PASSWORD_RESET_PROVED_EMAIL"],
        ["organization.invitation_revoked", "PASSWORD_RESET_PROVED_EMAIL"],
      ]),
    );
  });

  it("keeps the session the reset came with, and ends every other", async () => {
    const engine = createEmailEngine({ passwordReset: { revokeOtherSessions: false } });
    const { user, tokens } = await engine.signUpUser(VICTIM, "attacker-pw-1");
    const linkHolder = await createNewSession(engine.ctx, { userId: user.id });

    const reset = await resetByVictim(engine, linkHolder.sessionHandle);
    expect(reset).toMatchObject({ status: "OK", revokedSessionHandles: [tokens.sessionHandle] });
    expect(await engine.stores.sessions.listSessionHandlesForUser(user.id, engine.ctx.now())).toEqual([linkHolder.sessionHandle]);
  });
});

describe("a password reset of an already verified address", () => {
  it("leaves the user's factors, identities and invitations alone", async () => {
    const engine = createEmailEngine({ passwordReset: { revokeOtherSessions: false } });
    const { ctx, stores } = engine;
    const { user, tokens } = await engine.signUpUser(VICTIM, "owner-pw-1");
    expect(await stores.users.markEmailVerified(user.id, VICTIM)).toBe(true);
    await plantSecondFactor(engine, user.id);
    const google = await signInUpWithProfile(ctx, {
      thirdPartyId: "google",
      profile: { id: "owner-sub", email: VICTIM, emailVerified: true },
      raw: {},
    });
    expect(google).toMatchObject({ status: "OK", user: { id: user.id } });
    const made = await createOrganization(ctx, { userId: user.id, slug: "mine", name: "Mine" });
    if (made.status !== "OK") throw new Error(made.status);
    expect((await inviteMember(ctx, { organizationId: "mine", userId: user.id, email: "colleague@example.com", role: "member" })).status).toBe("OK");

    expect(await resetByVictim(engine)).toMatchObject({ status: "OK", revokedSessionHandles: [] });
    expect(await stores.mfa.listTotpDevices(user.id)).toHaveLength(1);
    expect(await stores.mfa.countRecoveryCodes(user.id)).toBe(10);
    expect((await stores.thirdParty.getLoginMethods(user.id))?.thirdPartyAccounts).toHaveLength(1);
    expect(await stores.organizations.listOpenInvitations("mine", ctx.now())).toHaveLength(1);
    expect(await stores.sessions.getSession(tokens.sessionHandle)).not.toBeNull();
  });
});
