/**
 * A passkey recovery link sent before the password changed: whoever could read the inbox then
 * (a mailbox open on a shared machine, a forwarded message) asked for it, and the owner, alarmed,
 * changes or resets the password. Like the reset links, the recovery link must die with the old
 * password: a passkey meets the MFA requirements by itself, so a link that outlives the change
 * would undo it with more than a password.
 */
import { describe, expect, it } from "vitest";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { setUserPassword } from "../auth/users/user-admin-actions";
import { credentials } from "./testing/client";
import { setup, signInWithPasskey, type Browser, type Setup } from "./testing/passkey-recovery-harness";

const OWNER = "owner@example.com";
const INVALID = { status: "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR" };

/** A password account whose owner is signed in on `owner`. */
async function signedUpOwner(s: Setup): Promise<{ owner: Browser; userId: string }> {
  const owner = s.browser();
  const body = await (await owner.post("/signup", credentials(OWNER, "owner-pw-1"), "emailpassword")).json();
  expect(body.status).toBe("OK");
  return { owner, userId: body.user.id };
}

/** Someone reading the inbox asks for a recovery link; its token. */
async function recoveryToken(s: Setup, b: Browser): Promise<string> {
  expect(await (await b.post("/user/webauthn/reset/token", { email: OWNER })).json()).toEqual({ status: "OK" });
  await s.ctx.audit.settled();
  const sent = s.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER").at(-1)!;
  return new URL(sent.link).searchParams.get("token")!;
}

/** The link followed: its options, then a new passkey. Both answers, and the passkey. */
async function followLink(b: Browser, token: string) {
  const options = await (await b.post("/webauthn/options/register", { recoverAccountToken: token })).json();
  if (options.status !== "OK") return { options, recovered: null, passkey: null };
  const { passkey, response } = createPasskey(options, ORIGIN);
  const recovered = await (
    await b.post("/user/webauthn/reset", { token, webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response })
  ).json();
  return { options, recovered, passkey };
}

/** The link is refused at its options, and no passkey reaches the account (unfixed, both went through). */
async function expectLinkDead(s: Setup, b: Browser, token: string, userId: string) {
  const followed = await followLink(b, token);
  expect({ options: followed.options.status, recovered: followed.recovered?.status }).toEqual({ options: INVALID.status, recovered: undefined });
  expect(await s.stores.webauthn.listCredentials(userId)).toEqual([]);
  // The reset endpoint itself refuses it too, whatever options it comes with.
  expect(
    await (await b.post("/user/webauthn/reset", { token, webauthnGeneratedOptionsId: "x".repeat(64), credential: {} })).json(),
  ).not.toMatchObject({
    status: "OK",
  });
}

describe("a passkey recovery link sent before the password changed", () => {
  it("still works when nothing changed (the control)", async () => {
    const s = setup();
    const { userId } = await signedUpOwner(s);
    const reader = s.browser();
    const followed = await followLink(reader, await recoveryToken(s, reader));
    expect(followed.recovered).toMatchObject({ status: "OK", user: { id: userId } });
    expect(await signInWithPasskey(reader, followed.passkey!)).toMatchObject({ status: "OK", user: { id: userId } });
  });

  it("dies with a password change on /account", async () => {
    const s = setup();
    const { owner, userId } = await signedUpOwner(s);
    const reader = s.browser();
    const token = await recoveryToken(s, reader);
    const changed = await owner.client.send("POST", "/api/auth/user/password/change", {
      body: { oldPassword: "owner-pw-1", newPassword: "owner-pw-2" },
    });
    expect((await changed.json()).status).toBe("OK");
    await expectLinkDead(s, reader, token, userId);
  });

  it("dies with a password reset", async () => {
    const s = setup();
    const { owner, userId } = await signedUpOwner(s);
    const reader = s.browser();
    const token = await recoveryToken(s, reader);
    expect(await (await owner.post("/user/password/reset/token", { formFields: [{ id: "email", value: OWNER }] }, "emailpassword")).json()).toEqual({
      status: "OK",
    });
    await s.ctx.audit.settled();
    const resetLink = s.delivery.sent.filter((e) => e.kind === "PASSWORD_RESET").at(-1)!.link!;
    const resetToken = new URL(resetLink).searchParams.get("token")!;
    const reset = await owner.post(
      "/user/password/reset",
      { method: "token", token: resetToken, formFields: [{ id: "password", value: "owner-pw-2" }] },
      "emailpassword",
    );
    expect(await reset.json()).toEqual({ status: "OK" });
    await expectLinkDead(s, reader, token, userId);
  });

  it("dies with a password set by an admin", async () => {
    const s = setup();
    const { userId } = await signedUpOwner(s);
    const reader = s.browser();
    const token = await recoveryToken(s, reader);
    expect(await setUserPassword(s.ctx, userId, "owner-pw-2")).toEqual({ status: "OK" });
    await expectLinkDead(s, reader, token, userId);
  });
});
