/**
 * Passkeys and a second factor (MFA on, an authenticator set up). A passkey meets MFA by itself,
 * so none may be had with less than the authenticator: step-up before adding or removing one, as
 * before changing the password (a session stolen long after its last code must not add one, nor
 * take the owner's away), and no recovery by email (the inbox alone must not be enough). Real
 * route table, pinned clock.
 */
import { describe, expect, it } from "vitest";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { totpCode } from "../auth/testing/rfc6238";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createMfaHarness } from "./testing/mfa-harness";

const CONFIG = { mfa: {}, webauthn: {}, appOrigin: ORIGIN };

async function signedInWithTotp() {
  const h = createMfaHarness(CONFIG);
  await h.signUp();
  const secret = await h.setUpTotp();
  const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
  const post = (path: string, body?: unknown) => h.json("POST", path, body);
  /** Options for the user's own address, then the new passkey posted with them. */
  const addPasskey = async () => {
    const options = await post("/webauthn/options/register", { email: h.email });
    if (options.status !== 200) return options;
    const { response } = createPasskey(options.body, ORIGIN);
    return post("/webauthn/credential", {
      webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId,
      recipeUserId: userId,
      credential: response,
    });
  };
  const stepUp = () => post("/totp/verify", { totp: totpCode(secret, h.clock.now()) });
  return { h, userId, post, addPasskey, stepUp };
}

const stepUpRefusal = { id: "st-mfa", reason: { expectedValue: { factorId: "totp" } } };

describe("step-up for passkeys", () => {
  it("adds a passkey within the window; after it, asks for a code before the options, then allows it", async () => {
    const s = await signedInWithTotp();
    expect((await s.addPasskey()).body).toEqual({ status: "OK" });

    s.h.clock.advanceSeconds(301);
    // Refused at the options, before an authenticator makes a passkey the account would not take.
    const refused = await s.post("/webauthn/options/register", { email: s.h.email });
    expect(refused.status).toBe(403);
    expect(refused.body.claimValidationErrors[0]).toMatchObject(stepUpRefusal);
    expect(await s.h.stores.webauthn.listCredentials(s.userId)).toHaveLength(1);
    // Options for another address (a sign-up) are no change to this account: no step-up.
    expect((await s.post("/webauthn/options/register", { email: "someone-else@example.com" })).status).toBe(200);

    expect((await s.stepUp()).body).toEqual({ status: "OK" });
    expect((await s.addPasskey()).body).toEqual({ status: "OK" });
    expect(await s.h.stores.webauthn.listCredentials(s.userId)).toHaveLength(2);
  });

  it("asks again when the passkey is posted after the window, though the options came inside it", async () => {
    const s = await signedInWithTotp();
    const options = await s.post("/webauthn/options/register", { email: s.h.email });
    expect(options.status).toBe(200);
    s.h.clock.advanceSeconds(301);
    const { response } = createPasskey(options.body, ORIGIN);
    const late = await s.post("/webauthn/credential", {
      webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId,
      recipeUserId: s.userId,
      credential: response,
    });
    expect(late.status).toBe(403);
    expect(late.body.claimValidationErrors[0]).toMatchObject(stepUpRefusal);
    expect(await s.h.stores.webauthn.listCredentials(s.userId)).toHaveLength(0);
  });

  it("asks for a code before removing a passkey after the window; renaming needs none", async () => {
    const s = await signedInWithTotp();
    expect((await s.addPasskey()).body).toEqual({ status: "OK" });
    const [{ credentialId }] = await s.h.stores.webauthn.listCredentials(s.userId);
    s.h.clock.advanceSeconds(301);
    expect((await s.post("/webauthn/credential/rename", { webauthnCredentialId: credentialId, name: "Laptop" })).body).toEqual({ status: "OK" });
    const refused = await s.post("/webauthn/credential/remove", { webauthnCredentialId: credentialId });
    expect(refused.status).toBe(403);
    expect(refused.body.claimValidationErrors[0]).toMatchObject(stepUpRefusal);
    expect(await s.h.stores.webauthn.listCredentials(s.userId)).toHaveLength(1);
    await s.stepUp();
    expect((await s.post("/webauthn/credential/remove", { webauthnCredentialId: credentialId })).body).toEqual({ status: "OK" });
  });

  it("asks nothing of a user without a second factor", async () => {
    const h = createMfaHarness(CONFIG);
    await h.signUp();
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    h.clock.advanceSeconds(1800);
    expect(await h.addPasskey(userId)).toEqual({ status: "OK" });
  });
});

/** A password account with no authenticator yet, and the token of a recovery link sent to it. */
async function signedUpWithRecoveryLink() {
  const h = createMfaHarness(CONFIG);
  await h.signUp();
  expect((await h.json("POST", "/user/webauthn/reset/token", { email: h.email })).body).toEqual({ status: "OK" });
  await h.notices();
  const [sent] = h.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER");
  return { h, token: new URL(sent.link).searchParams.get("token")! };
}

describe("passkey recovery by email with a second factor", () => {
  it("sends no link to an account with an authenticator, but a notice that says why and what to do", async () => {
    const s = await signedInWithTotp();
    expect((await s.post("/user/webauthn/reset/token", { email: s.h.email })).body).toEqual({ status: "OK" });
    const notices = await s.h.notices();
    expect(notices.filter((e) => e.notice === "PASSKEY_RECOVERY_REFUSED").map((e) => e.to)).toEqual([s.h.email]);
    expect(s.h.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER")).toEqual([]);
  });

  it("a link sent before the authenticator was set up stops working", async () => {
    const { h, token } = await signedUpWithRecoveryLink();
    const options = await h.json("POST", "/webauthn/options/register", { recoverAccountToken: token });
    expect(options.body).toMatchObject({ status: "OK" });

    await h.setUpTotp();
    const invalid = { status: "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR" };
    expect((await h.json("POST", "/webauthn/options/register", { recoverAccountToken: token })).body).toEqual(invalid);
    const { response } = createPasskey(options.body, ORIGIN);
    const reset = { token, webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: response };
    expect((await h.json("POST", "/user/webauthn/reset", reset)).body).toEqual(invalid);
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    expect(await h.stores.webauthn.listCredentials(userId)).toEqual([]);
  });

  it("and stays dead once that authenticator is removed: setting it up ended the link", async () => {
    const { h, token } = await signedUpWithRecoveryLink();
    await h.setUpTotp();
    expect((await h.json("POST", "/totp/device/remove", { deviceName: "Phone" })).body).toEqual({ status: "OK", didDeviceExist: true });
    // Recovery by email is open again for links asked for from now on, not for the one from before.
    const options = await h.json("POST", "/webauthn/options/register", { recoverAccountToken: token });
    expect(options.body).toEqual({ status: "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR" });
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    expect(await h.stores.webauthn.listCredentials(userId)).toEqual([]);
  });
});

describe("removing the last passkey of an account that then has no way in", () => {
  /** A passkey-only account (signed up with a passkey, no password), signed in with it. */
  async function passkeyOnly() {
    const h = createMfaHarness(CONFIG);
    const options = await h.json("POST", "/webauthn/options/register", { email: h.email });
    const { response } = createPasskey(options.body, ORIGIN);
    const signedUp = await h.json("POST", "/webauthn/signup", {
      webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId,
      credential: response,
    });
    expect(signedUp.body.status).toBe("OK");
    const userId: string = signedUp.body.user.id;
    const remove = (webauthnCredentialId: string) => h.json("POST", "/webauthn/credential/remove", { webauthnCredentialId });
    const passkeys = async () => (await h.stores.webauthn.listCredentials(userId)).map((c) => c.credentialId);
    return { h, userId, remove, passkeys };
  }

  it("refuses it with an authenticator set up (no recovery by email, no password): the account would be shut for good", async () => {
    const s = await passkeyOnly();
    await s.h.setUpTotp();
    const [only] = await s.passkeys();
    const refused = await s.remove(only);
    expect([refused.status, refused.body]).toEqual([200, { status: "GENERAL_ERROR", message: expect.any(String), code: "LAST_WAY_IN" }]);
    expect(await s.passkeys()).toEqual([only]);
  });

  it("removes any but the last of several, and then refuses the last", async () => {
    const s = await passkeyOnly();
    await s.h.setUpTotp();
    expect(await s.h.addPasskey(s.userId)).toEqual({ status: "OK" });
    const [first, second] = await s.passkeys();
    expect((await s.remove(first)).body).toEqual({ status: "OK" });
    expect((await s.remove(second)).body).toMatchObject({ status: "GENERAL_ERROR", code: "LAST_WAY_IN" });
    expect(await s.passkeys()).toEqual([second]);
  });

  it("keeps at least one of the last two when both are removed at once", async () => {
    const s = await passkeyOnly();
    await s.h.setUpTotp();
    expect(await s.h.addPasskey(s.userId)).toEqual({ status: "OK" });
    const both = await s.passkeys();
    const answers = await Promise.all(both.map((id) => s.remove(id)));
    // Each saw the other's passkey still there; at most one goes, and each answer says what happened to its own.
    const removed = both.filter((_, i) => answers[i].body.status === "OK");
    expect(removed.length).toBeLessThanOrEqual(1);
    expect(await s.passkeys()).toEqual(both.filter((id) => !removed.includes(id)));
  });

  it("removes it where recovery by email stays open (no authenticator), and from an account with a password", async () => {
    const open = await passkeyOnly();
    const [only] = await open.passkeys();
    expect((await open.remove(only)).body).toEqual({ status: "OK" });

    const withPassword = await signedInWithTotp();
    expect((await withPassword.addPasskey()).body).toEqual({ status: "OK" });
    const [passkey] = await withPassword.h.stores.webauthn.listCredentials(withPassword.userId);
    expect((await withPassword.post("/webauthn/credential/remove", { webauthnCredentialId: passkey.credentialId })).body).toEqual({ status: "OK" });
  });

  it("refuses a first authenticator where recovery by email is the last way in: it would close that, and the account with it", async () => {
    const s = await passkeyOnly();
    const [only] = await s.passkeys();
    // Allowed: recovery by email still opens the account.
    expect((await s.remove(only)).body).toEqual({ status: "OK" });
    const refused = await s.h.json("POST", "/totp/device", { deviceName: "Phone" });
    expect([refused.status, refused.body]).toEqual([200, { status: "GENERAL_ERROR", message: expect.any(String), code: "LAST_WAY_IN" }]);
    expect(await s.h.stores.mfa.listTotpDevices(s.userId)).toEqual([]);
    // With a passkey again, the authenticator is welcome.
    expect(await s.h.addPasskey(s.userId)).toEqual({ status: "OK" });
    await s.h.setUpTotp();
  });

  it("refuses the first code of an authenticator made while a passkey was there, once that passkey is gone", async () => {
    const s = await passkeyOnly();
    const created = await s.h.json("POST", "/totp/device", { deviceName: "Phone" });
    expect(created.body.status).toBe("OK");
    const [only] = await s.passkeys();
    expect((await s.remove(only)).body).toEqual({ status: "OK" });
    const refused = await s.h.json("POST", "/totp/device/verify", { deviceName: "Phone", totp: totpCode(created.body.secret, s.h.clock.now()) });
    expect([refused.status, refused.body]).toEqual([200, { status: "GENERAL_ERROR", message: expect.any(String), code: "LAST_WAY_IN" }]);
    expect((await s.h.stores.mfa.listTotpDevices(s.userId)).filter((d) => d.verified)).toEqual([]);
  });
});
