/**
 * Security notices (ASVS 6.3.7): each event sends exactly one notice, to the right address, with
 * the right text; a slow or failing delivery neither holds up nor fails what the user did.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../config";
import { withRequestScope } from "../context";
import { changePassword } from "../emailpassword/change-password";
import { updateEmail } from "../emailpassword/update-email";
import { resetPasswordUsingToken } from "../passwordreset/reset-password";
import { sendPasswordResetEmail } from "../passwordreset/send-reset-email";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { warningLog } from "../testing/warning-log";
import { signInUpWithProfile } from "../thirdparty/sign-in-up";
import { setUserPassword } from "../users/user-admin-actions";

const ADA = "ada@example.com";
const OLD_PASSWORD = "old-password-1";

/** An email engine whose after-the-answer work is collected, so that a test can wait for it. */
function engine(config: GatehouseConfig = {}) {
  const email = createEmailEngine({ appOrigin: "https://app.example.com", appName: "Acme", ...config });
  const background: Promise<unknown>[] = [];
  // As a request does with Next's `after`: its own waitUntil, on its own copy of the engine.
  const ctx = withRequestScope(email.ctx, { waitUntil: (task) => void background.push(task) });
  const settled = async () => {
    while (background.length > 0) await Promise.all(background.splice(0));
  };
  const notices = () => email.delivery.sent.filter((m) => m.kind === "SECURITY_NOTICE");
  return { ...email, ctx, settled, notices };
}

describe("security notices", () => {
  it("password changed: one notice to the account's address", async () => {
    const { ctx, signUpUser, settled, notices } = engine();
    const up = await signUpUser(ADA, OLD_PASSWORD);
    const result = await changePassword(ctx, {
      userId: up.user.id,
      sessionHandle: up.tokens.sessionHandle,
      oldPassword: OLD_PASSWORD,
      newPassword: "new-password-2",
    });
    expect(result.status).toBe("OK");
    await settled();
    expect(notices()).toHaveLength(1);
    const [notice] = notices();
    expect(notice).toMatchObject({
      to: ADA,
      notice: "PASSWORD_CHANGED",
      subject: "Your Acme password was changed",
      link: "https://app.example.com/auth/reset-password",
    });
    expect(notice.text).toContain(`The password of the Acme account for ${ADA} was just changed`);
    expect(notice.html).toContain('<html lang="en">');
  });

  it("a wrong current password sends nothing", async () => {
    const { ctx, signUpUser, settled, notices } = engine();
    const up = await signUpUser(ADA, OLD_PASSWORD);
    await changePassword(ctx, {
      userId: up.user.id,
      sessionHandle: up.tokens.sessionHandle,
      oldPassword: "wrong-guess-9",
      newPassword: "new-password-2",
    });
    await settled();
    expect(notices()).toEqual([]);
  });

  it("password reset: one notice to the address the link went to", async () => {
    const { ctx, delivery, signUpUser, settled, notices } = engine();
    await signUpUser(ADA, OLD_PASSWORD);
    await sendPasswordResetEmail(ctx, { email: ADA });
    await settled();
    const link = delivery.sent.find((m) => m.kind === "PASSWORD_RESET");
    expect((await resetPasswordUsingToken(ctx, { token: tokenOf(link), newPassword: "new-password-2" })).status).toBe("OK");
    await settled();
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatchObject({ to: ADA, notice: "PASSWORD_RESET", subject: "Your Acme password was reset" });
  });

  it("password set by an admin: one notice", async () => {
    const { ctx, signUpUser, settled, notices } = engine();
    const up = await signUpUser(ADA, OLD_PASSWORD);
    expect(await setUserPassword(ctx, up.user.id, "admin-set-pass-3")).toEqual({ status: "OK" });
    await settled();
    expect(notices().map((m) => [m.to, m.notice])).toEqual([[ADA, "PASSWORD_CHANGED"]]);
  });

  it("provider linked: one notice to the existing account; a new provider user gets none", async () => {
    const { ctx, stores, signUpUser, settled, notices } = engine();
    const up = await signUpUser(ADA, OLD_PASSWORD);
    await stores.users.markEmailVerified(up.user.id, ADA);
    const request = { userAgent: "test", ip: null };
    const linked = await signInUpWithProfile(ctx, {
      thirdPartyId: "google",
      profile: { id: "g-1", email: ADA, emailVerified: true },
      raw: {},
      request,
    });
    expect(linked.status === "OK" && linked.user.id).toBe(up.user.id);
    await signInUpWithProfile(ctx, {
      thirdPartyId: "google",
      profile: { id: "g-2", email: "bob@example.com", emailVerified: true },
      raw: {},
      request,
    });
    // The linked identity signing in again is no news.
    await signInUpWithProfile(ctx, { thirdPartyId: "google", profile: { id: "g-1", email: ADA, emailVerified: true }, raw: {}, request });
    await settled();
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatchObject({ to: ADA, notice: "PROVIDER_LINKED", subject: "google sign-in was added to your Acme account" });
  });

  it("email changed: one notice, to the old address only", async () => {
    const { ctx, signUpUser, settled, notices } = engine();
    const up = await signUpUser(ADA, OLD_PASSWORD);
    expect(await updateEmail(ctx, up.user.id, "ada@new.example.com")).toEqual({ status: "OK" });
    await settled();
    expect(notices().map((m) => [m.to, m.notice])).toEqual([[ADA, "EMAIL_CHANGED"]]);
    // A reset asked from the old address finds no account: the notice offers none, and says so.
    const [notice] = notices();
    expect(notice.link).toBe("https://app.example.com/auth");
    expect(notice.text).toContain("a password reset asked from this address can no longer reach it");
    expect(notice.text).not.toContain("reset your password");
    expect(notice.html).not.toContain("Reset my password");
    // The same address again changes nothing and says nothing.
    await updateEmail(ctx, up.user.id, "ada@new.example.com");
    await settled();
    expect(notices()).toHaveLength(1);
  });

  it('speaks German with email.locale or ui.locale "de"; a deployer\'s template wins where it speaks', async () => {
    for (const config of [{ email: { locale: "de" } }, { ui: { locale: "de" } }] satisfies GatehouseConfig[]) {
      const { ctx, signUpUser, settled, notices } = engine(config);
      const up = await signUpUser(ADA, OLD_PASSWORD);
      await updateEmail(ctx, up.user.id, "ada@new.example.com");
      await settled();
      expect(notices()[0]).toMatchObject({ to: ADA, subject: "Die E-Mail-Adresse Ihres Kontos bei Acme wurde geändert" });
      expect(notices()[0].html).toContain('<html lang="de">');
      expect(notices()[0].html).toContain("Oder fügen Sie diesen Link in Ihren Browser ein:");
    }
    const custom = engine({
      email: { templates: { securityNotice: ({ event, email }) => ({ subject: `[${event}] for ${email}\r\nBcc: x@evil.example` }) } },
    });
    const up = await custom.signUpUser(ADA, OLD_PASSWORD);
    await updateEmail(custom.ctx, up.user.id, "ada@new.example.com");
    await custom.settled();
    expect(custom.notices()[0].subject).toBe(`[EMAIL_CHANGED] for ${ADA} Bcc: x@evil.example`);
    expect(custom.notices()[0].text).toContain("now uses another email address");
    expect(() => createEmailEngine({ email: { locale: "fr" } })).toThrow(/email\.locale/);
  });

  it("neither waits for the delivery nor fails with it; a lost notice is logged", async () => {
    const { ctx: engineCtx, delivery, signUpUser, settled } = engine();
    const up = await signUpUser(ADA, OLD_PASSWORD);
    const { log: capture, warnings: lines } = warningLog();
    const ctx = withRequestScope(engineCtx, { log: capture });
    // A delivery that never answers: the change still completes.
    const send = delivery.send;
    delivery.send = () => new Promise<void>(() => {});
    const changed = await changePassword(ctx, {
      userId: up.user.id,
      sessionHandle: up.tokens.sessionHandle,
      oldPassword: OLD_PASSWORD,
      newPassword: "new-password-2",
    });
    expect(changed.status).toBe("OK");
    // A delivery that fails: the change still succeeds, and the loss is logged.
    delivery.send = send;
    delivery.failing = true;
    const again = await changePassword(ctx, {
      userId: up.user.id,
      sessionHandle: up.tokens.sessionHandle,
      oldPassword: "new-password-2",
      newPassword: "new-password-3",
    });
    expect(again.status).toBe("OK");
    const pending = settled();
    await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, 50))]);
    expect(lines).toContainEqual(expect.objectContaining({ event: "email.notice_failed", userId: up.user.id, reason: "PASSWORD_CHANGED" }));
  });
});
