import { describe, expect, it } from "vitest";
import { withRequestScope } from "../context";
import { signIn } from "../emailpassword/sign-in";
import { updateEmail } from "../emailpassword/update-email";
import { createNewSession } from "../session/session";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { resetPasswordUsingToken } from "./reset-password";
import { sendPasswordResetEmail } from "./send-reset-email";

const creds = (email: string, password: string) => ({ email, password, formFields: { email, password } });

/** Asks for a reset and waits for the email, which is sent after the answer. */
async function requestReset(ctx: Parameters<typeof sendPasswordResetEmail>[0], email: string) {
  const result = await sendPasswordResetEmail(ctx, { email });
  if (result.status === "OK") await result.delivery;
  return result;
}

describe("password reset", () => {
  it("emails a link on the app origin for a known address, and answers an unknown one the same", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine({ appOrigin: "https://app.example.com", appName: "Acme" });
    await signUpUser("ada@example.com");
    const known = await requestReset(ctx, " ADA@example.com");
    const unknown = await requestReset(ctx, "nobody@example.com");
    expect(known.status).toBe("OK");
    expect(unknown.status).toBe("OK");
    expect(delivery.sent).toHaveLength(1);
    const [email] = delivery.sent;
    expect(email).toMatchObject({ kind: "PASSWORD_RESET", to: "ada@example.com", from: { name: "Acme", address: "no-reply@app.example.com" } });
    expect(email.link).toMatch(/^https:\/\/app\.example\.com\/auth\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(email.text).toContain(email.link);
    expect(email.subject).toBe("Reset your Acme password");
    expect(await sendPasswordResetEmail(ctx, { email: "not-an-email" })).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "email", error: "Email is invalid" }],
    });
  });

  it("sets the new password once: the old one and a second use of the link fail", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    await signUpUser("ada@example.com", "old-password1");
    await requestReset(ctx, "ada@example.com");
    const token = tokenOf(delivery.links[0]);
    const done = await resetPasswordUsingToken(ctx, { token, newPassword: "new-password2" });
    expect(done).toMatchObject({ status: "OK", email: "ada@example.com" });
    expect((await signIn(ctx, creds("ada@example.com", "old-password1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect((await signIn(ctx, creds("ada@example.com", "new-password2"))).status).toBe("OK");
    expect(await resetPasswordUsingToken(ctx, { token, newPassword: "third-password3" })).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
  });

  it("a weak password is a FIELD_ERROR and does not spend the link", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    await signUpUser("ada@example.com");
    await requestReset(ctx, "ada@example.com");
    const token = tokenOf(delivery.links[0]);
    expect(await resetPasswordUsingToken(ctx, { token, newPassword: "short" })).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "password", error: "Password must contain at least 8 characters" }],
    });
    expect((await resetPasswordUsingToken(ctx, { token, newPassword: "long-enough1" })).status).toBe("OK");
  });

  it("links expire after an hour by default, or the configured TTL", async () => {
    for (const [config, ttl] of [
      [{}, 3600],
      [{ passwordReset: { tokenTtlSeconds: 600 } }, 600],
    ] as const) {
      const { ctx, clock, delivery, signUpUser } = createEmailEngine(config);
      await signUpUser("ada@example.com");
      await requestReset(ctx, "ada@example.com");
      clock.advanceSeconds(ttl - 1);
      expect((await resetPasswordUsingToken(ctx, { token: tokenOf(delivery.links[0]), newPassword: "fixture-pw-2" })).status).toBe("OK");
      await requestReset(ctx, "ada@example.com");
      clock.advanceSeconds(ttl);
      expect((await resetPasswordUsingToken(ctx, { token: tokenOf(delivery.links[1]), newPassword: "password3" })).status).toBe(
        "RESET_PASSWORD_INVALID_TOKEN_ERROR",
      );
    }
  });

  it("a newer request invalidates the older link", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    await signUpUser("ada@example.com");
    await requestReset(ctx, "ada@example.com");
    await requestReset(ctx, "ada@example.com");
    const [older, newer] = delivery.sent.map(tokenOf);
    expect((await resetPasswordUsingToken(ctx, { token: older, newPassword: "fixture-pw-2" })).status).toBe("RESET_PASSWORD_INVALID_TOKEN_ERROR");
    expect((await resetPasswordUsingToken(ctx, { token: newer, newPassword: "fixture-pw-2" })).status).toBe("OK");
  });

  it("revokes the user's other sessions, keeping the one that made the request; configurable", async () => {
    const { ctx, stores, delivery, signUpUser } = createEmailEngine();
    const { user } = await signUpUser("ada@example.com");
    const other = await signUpUser("bob@example.com");
    const [a, b] = [await createNewSession(ctx, { userId: user.id }), await createNewSession(ctx, { userId: user.id })];
    await requestReset(ctx, "ada@example.com");
    const result = await resetPasswordUsingToken(ctx, {
      token: tokenOf(delivery.links[0]),
      newPassword: "fixture-pw-2",
      keepSessionHandle: a.sessionHandle,
    });
    expect(result.status === "OK" && result.revokedSessionHandles.length).toBe(2);
    expect(await stores.sessions.getSession(a.sessionHandle)).not.toBeNull();
    expect(await stores.sessions.getSession(b.sessionHandle)).toBeNull();
    expect(await stores.sessions.getSession(other.tokens.sessionHandle)).not.toBeNull();

    const kept = createEmailEngine({ passwordReset: { revokeOtherSessions: false } });
    const carol = await kept.signUpUser("carol@example.com");
    // A verified address: a reset that proves an unverified one signs everyone else out regardless.
    await kept.stores.users.markEmailVerified(carol.user.id, "carol@example.com");
    await requestReset(kept.ctx, "carol@example.com");
    await resetPasswordUsingToken(kept.ctx, { token: tokenOf(kept.delivery.links[0]), newPassword: "fixture-pw-2" });
    expect(await kept.stores.sessions.getSession(carol.tokens.sessionHandle)).not.toBeNull();
  });

  it("a link sent before an email change does not reset the account", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    const { user } = await signUpUser("ada@example.com", "fixture-pw-1");
    await requestReset(ctx, "ada@example.com");
    expect(await updateEmail(ctx, user.id, "ada@new.example.com")).toEqual({ status: "OK" });
    expect((await resetPasswordUsingToken(ctx, { token: tokenOf(delivery.links[0]), newPassword: "fixture-pw-2" })).status).toBe(
      "RESET_PASSWORD_INVALID_TOKEN_ERROR",
    );
    expect((await signIn(ctx, creds("ada@new.example.com", "fixture-pw-1"))).status).toBe("OK");
  });

  it("a successful reset proves the address: the email is verified", async () => {
    const { ctx, stores, delivery, signUpUser } = createEmailEngine();
    const { user } = await signUpUser("ada@example.com");
    await requestReset(ctx, "ada@example.com");
    await resetPasswordUsingToken(ctx, { token: tokenOf(delivery.links[0]), newPassword: "fixture-pw-2" });
    expect((await stores.users.getUserById(user.id))?.emailVerified).toBe(true);
  });

  it("the email goes out after the answer, handed to waitUntil", async () => {
    const { ctx: engine, delivery, signUpUser } = createEmailEngine();
    await signUpUser("ada@example.com");
    const held: Promise<unknown>[] = [];
    const ctx = withRequestScope(engine, { waitUntil: (task) => void held.push(task) });
    const result = await sendPasswordResetEmail(ctx, { email: "ada@example.com" });
    expect(result.status).toBe("OK");
    expect(held).toHaveLength(1);
    await held[0];
    expect(delivery.sent).toHaveLength(1);
  });

  it("a failed delivery still answers OK (it would tell the address exists) and settles", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    await signUpUser("ada@example.com");
    delivery.failing = true;
    const result = await requestReset(ctx, "ada@example.com");
    expect(result.status).toBe("OK");
    if (result.status === "OK") await expect(result.delivery).resolves.toBeUndefined();
  });
});
