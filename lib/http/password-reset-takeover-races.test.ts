/**
 * What the pre-registrant's session writes while the victim's password reset takes the account
 * over (lib/auth/users/unproven-account-takeover.ts): an authenticator, recovery codes, an
 * invitation. Each request is staged (interleaveAt) so that it passed its session check before
 * the takeover and writes after it, where the race would put it. None is kept, no invitation
 * email goes, and each answers 401 "unauthorised", as it does for a revoked session at the
 * check. Then: a new authenticator verified by a session revoked meanwhile is no factor.
 */
import { describe, expect, it } from "vitest";
import { hashRecoveryCode } from "../auth/mfa/recovery-codes";
import { revokeAllSessionsForUser } from "../auth/session/session-revocation";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { totpCode } from "../auth/testing/rfc6238";
import { credentials } from "./testing/client";
import type { Browser } from "./testing/passkey-recovery-harness";
import { setup, signUp, VICTIM } from "./testing/password-reset-takeover-harness";

type Setup = ReturnType<typeof setup>;

/** The refusals logged because the session had ended: [event, method]. */
async function sessionEndedEvents(s: Setup, userId: string) {
  await s.settle();
  return (await s.stores.audit.listEvents({ userId, limit: 100 }))
    .filter((e) => e.detail.reason === "SESSION_ENDED")
    .map((e) => [e.type, e.detail.method ?? null]);
}

/** Sets up and verifies an authenticator for the browser's session; its secret. */
async function setUpTotp(s: Setup, b: Browser, deviceName: string): Promise<string> {
  const device = await (await b.post("/totp/device", { deviceName }, "totp")).json();
  expect(device.status).toBe("OK");
  const verified = await b.post("/totp/device/verify", { deviceName, totp: totpCode(device.secret, s.clock.now()) }, "totp");
  expect(await verified.json()).toEqual({ status: "OK", wasAlreadyVerified: false });
  return device.secret;
}

describe("a password reset taking the account over while the pre-registrant's session writes", () => {
  it("keeps no authenticator the session was setting up", async () => {
    const stores = createMemoryStores();
    // Staged just before the device is written: the attacker's session was checked already.
    const deviceWrite = interleaveAt(stores.mfa, "createTotpDevice");
    const s = setup({ mfa: {} }, stores);
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    deviceWrite.before(async () => {
      expect(await s.resetByVictim()).toEqual({ status: "OK" });
    });
    const created = await attacker.post("/totp/device", { deviceName: "Attacker" }, "totp");
    expect(deviceWrite.pending).toBe(false);
    expect(created.status).toBe(401);
    expect(await created.json()).toEqual({ message: "unauthorised" });
    expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
    expect(await sessionEndedEvents(s, userId)).toEqual([["mfa.totp_setup_refused", null]]);
  });

  it("removes only its own device: one the owner set up meanwhile under the same name stays", async () => {
    const stores = createMemoryStores();
    // Staged just after the device is written: the takeover removes it, the owner sets up its own.
    const deviceWritten = interleaveAt(stores.mfa, "createTotpDevice");
    const s = setup({ mfa: {} }, stores);
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    deviceWritten.after(async () => {
      expect(await s.resetByVictim()).toEqual({ status: "OK" });
      const owner = s.browser();
      expect((await (await owner.post("/signin", credentials(VICTIM, "victim-pw-2"), "emailpassword")).json()).status).toBe("OK");
      await setUpTotp(s, owner, "Phone");
    });
    expect((await attacker.post("/totp/device", { deviceName: "Phone" }, "totp")).status).toBe(401);
    expect(deviceWritten.pending).toBe(false);
    expect((await stores.mfa.listTotpDevices(userId)).map((d) => [d.name, d.verified])).toEqual([["Phone", true]]);
  });

  it("keeps no recovery codes the session was making", async () => {
    const stores = createMemoryStores();
    // Staged just before the new set is written.
    const codesWrite = interleaveAt(stores.mfa, "replaceRecoveryCodes");
    const s = setup({ mfa: {} }, stores);
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    await setUpTotp(s, attacker, "Attacker");
    codesWrite.before(async () => {
      expect(await s.resetByVictim()).toEqual({ status: "OK" });
    });
    const made = await attacker.post("/mfa/recovery-codes", undefined, "totp");
    expect(codesWrite.pending).toBe(false);
    expect(made.status).toBe(401);
    expect(await made.json()).toEqual({ message: "unauthorised" });
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(0);
    expect(await sessionEndedEvents(s, userId)).toEqual([["mfa.totp_setup_refused", "recovery-code"]]);
  });

  it("removes only its own codes: a set the owner made meanwhile stays", async () => {
    const stores = createMemoryStores();
    // Two stagings on one write: the takeover before it, the owner's own set right after it.
    const codesWritten = interleaveAt(stores.mfa, "replaceRecoveryCodes");
    const codesWrite = interleaveAt(stores.mfa, "replaceRecoveryCodes");
    const s = setup({ mfa: {} }, stores);
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    await setUpTotp(s, attacker, "Attacker");
    codesWrite.before(async () => {
      expect(await s.resetByVictim()).toEqual({ status: "OK" });
    });
    let ownerCodes: string[] = [];
    codesWritten.after(async () => {
      const owner = s.browser();
      expect((await (await owner.post("/signin", credentials(VICTIM, "victim-pw-2"), "emailpassword")).json()).status).toBe("OK");
      await setUpTotp(s, owner, "Owner");
      const made = await (await owner.post("/mfa/recovery-codes", undefined, "totp")).json();
      expect(made.status).toBe("OK");
      ownerCodes = made.recoveryCodes;
    });
    expect((await attacker.post("/mfa/recovery-codes", undefined, "totp")).status).toBe(401);
    expect(codesWritten.pending).toBe(false);
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(ownerCodes.length);
    expect(ownerCodes).toHaveLength(10);
  });

  it("writes nothing once its session has ended: the set the owner made before the late write stays, hash for hash", async () => {
    const stores = createMemoryStores();
    // Staged just before the attacker's set is written: the takeover, then the owner signs in,
    // sets up an authenticator and makes a set of their own, all before that late write.
    const codesWrite = interleaveAt(stores.mfa, "replaceRecoveryCodes");
    const s = setup({ mfa: {} }, stores);
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    await setUpTotp(s, attacker, "Attacker");
    let ownerCodes: string[] = [];
    codesWrite.before(async () => {
      expect(await s.resetByVictim()).toEqual({ status: "OK" });
      const owner = s.browser();
      expect((await (await owner.post("/signin", credentials(VICTIM, "victim-pw-2"), "emailpassword")).json()).status).toBe("OK");
      await setUpTotp(s, owner, "Owner");
      const made = await (await owner.post("/mfa/recovery-codes", undefined, "totp")).json();
      expect(made.status).toBe("OK");
      ownerCodes = made.recoveryCodes;
    });
    const late = await attacker.post("/mfa/recovery-codes", undefined, "totp");
    expect(codesWrite.pending).toBe(false);
    expect(late.status).toBe(401);
    expect(await late.json()).toEqual({ message: "unauthorised" });
    expect(await sessionEndedEvents(s, userId)).toEqual([["mfa.totp_setup_refused", "recovery-code"]]);
    // Exactly the owner's set: as many codes as the owner was shown, each of them stored (each
    // hash is used once here, so this also proves none is stored twice or missing).
    expect(ownerCodes).toHaveLength(10);
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(ownerCodes.length);
    for (const code of ownerCodes) expect(await stores.mfa.consumeRecoveryCode(userId, hashRecoveryCode(code)), code).toBe(true);
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(0);
  });

  it("keeps no invitation the session was sending, and sends no link", async () => {
    const stores = createMemoryStores();
    // Staged just before the invitation is written: the inviter's role was checked already.
    const invitationWrite = interleaveAt(stores.organizations, "createInvitation");
    const s = setup({}, stores);
    const attacker = s.browser();
    const userId = await signUp(attacker, VICTIM, "attacker-pw-1");
    expect((await (await attacker.post("/organizations", { slug: "trap", name: "Trap" }, "session")).json()).status).toBe("OK");
    invitationWrite.before(async () => {
      expect(await s.resetByVictim()).toEqual({ status: "OK" });
    });
    const invited = await attacker.post("/organizations/trap/invitations", { email: "attacker@example.net", role: "admin" }, "session");
    expect(invitationWrite.pending).toBe(false);
    expect(invited.status).toBe(401);
    expect(await invited.json()).toEqual({ message: "unauthorised" });
    expect(await stores.organizations.listOpenInvitations("trap", s.ctx.now())).toEqual([]);
    await s.settle();
    expect(s.delivery.sent.filter((m) => m.to === "attacker@example.net")).toEqual([]);
    expect(await sessionEndedEvents(s, userId)).toEqual([["organization.invitation_revoked", null]]);
  });
});

describe("a session revoked while it verifies a new authenticator", () => {
  it("leaves no factor: the device goes", async () => {
    const stores = createMemoryStores();
    // Staged just before the first code is recorded, which marks the device verified.
    const codeRecorded = interleaveAt(stores.mfa, "recordTotpStep");
    const s = setup({ mfa: {} }, stores);
    const thief = s.browser();
    const userId = await signUp(thief, "someone@example.com", "someone-pw-1");
    const device = await (await thief.post("/totp/device", { deviceName: "Thief" }, "totp")).json();
    expect(device.status).toBe("OK");
    codeRecorded.before(async () => {
      // The owner signs out everywhere.
      expect(await revokeAllSessionsForUser(s.ctx, userId)).toHaveLength(1);
    });
    const verified = await thief.post("/totp/device/verify", { deviceName: "Thief", totp: totpCode(device.secret, s.clock.now()) }, "totp");
    expect(codeRecorded.pending).toBe(false);
    expect(verified.status).toBe(401);
    expect(await verified.json()).toEqual({ message: "unauthorised" });
    expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
    expect(await sessionEndedEvents(s, userId)).toEqual([["mfa.totp_setup_refused", null]]);
  });
});
