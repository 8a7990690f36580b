import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../config";
import { resolveConfig } from "../resolve-config";
import { composeRecoverEmail } from "../webauthn/recover-email";
import { createTestEngine } from "../testing/test-engine";
import { composeEmail, emailLink } from "./send-email";
import { escapeHtml, renderEmail } from "./templates";

const input = {
  appName: "Acme <Co>",
  email: "a&b@example.com",
  link: "https://app.example.com/auth/reset-password?token=x&y",
  expiresInMinutes: 60,
  locale: "en",
};

describe("email templates", () => {
  it("the built-in ones escape what they put into HTML and carry the link in text and HTML", async () => {
    const reset = await renderEmail("PASSWORD_RESET", undefined, input);
    expect(reset.subject).toBe("Reset your Acme <Co> password");
    expect(reset.html).toContain("Acme &#60;Co&#62;");
    expect(reset.html).toContain("a&#38;b@example.com");
    expect(reset.html).toContain('href="https://app.example.com/auth/reset-password?token=x&#38;y"');
    expect(reset.html).not.toContain("<Co>");
    expect(reset.text).toContain(input.link);
    expect(reset.text).toContain("1 hour");
    const verify = await renderEmail("EMAIL_VERIFICATION", undefined, { ...input, expiresInMinutes: 1440 });
    expect(verify.subject).toBe("Verify your email for Acme <Co>");
    expect(verify.text).toContain("24 hours");
  });

  it("a deployer's template replaces only the parts it returns", async () => {
    const custom = await renderEmail("PASSWORD_RESET", ({ link }) => ({ subject: "Custom", text: `Go: ${link}` }), input);
    expect(custom.subject).toBe("Custom");
    expect(custom.text).toBe(`Go: ${input.link}`);
    expect(custom.html).toContain("Reset your password");
  });

  it("composeEmail uses the configured sender and templates, and strips line breaks from the subject", async () => {
    const { ctx } = createTestEngine({
      appOrigin: "https://app.example.com",
      email: {
        from: { name: "Acme Auth", address: "auth@acme.example" },
        templates: { emailVerification: async () => ({ subject: "Hi\r\nBcc: victim@example.com" }) },
      },
    });
    const email = await composeEmail(ctx, "EMAIL_VERIFICATION", { to: "a@example.com", link: emailLink(ctx, "verify-email", "tok"), ttlSeconds: 90 });
    expect(email.from).toEqual({ name: "Acme Auth", address: "auth@acme.example" });
    expect(email.subject).toBe("Hi Bcc: victim@example.com");
    expect(email.link).toBe("https://app.example.com/auth/verify-email?token=tok");
    expect(email.text).toContain("2 minutes");
  });

  it('speak German with email.locale or ui.locale "de", as the notices, codes and invitations do; a template learns the locale', async () => {
    for (const config of [{ email: { locale: "de" } }, { ui: { locale: "de" } }] satisfies GatehouseConfig[]) {
      const { ctx } = createTestEngine({ appName: "Acme", appOrigin: "https://app.example.com", ...config });
      const link = emailLink(ctx, "reset-password", "tok");
      const reset = await composeEmail(ctx, "PASSWORD_RESET", { to: "ada@example.com", link, ttlSeconds: 3600 });
      expect(reset.subject).toBe("Ihr Passwort bei Acme zurücksetzen");
      expect(reset.text).toContain("Passwort des Kontos bei Acme für ada@example.com zurückzusetzen");
      expect(reset.text).toContain("1 Stunde lang");
      expect(reset.html).toContain('<html lang="de">');
      expect(reset.html).toContain("Neues Passwort wählen");
      const verify = await composeEmail(ctx, "EMAIL_VERIFICATION", { to: "ada@example.com", link, ttlSeconds: 86_400 });
      expect(verify.subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse bei Acme");
      expect(verify.text).toContain("24 Stunden lang");
      expect(verify.html).toContain('<html lang="de">');
      const recover = await composeRecoverEmail(ctx, { to: "ada@example.com", link, ttlSeconds: 900 });
      expect(recover.subject).toBe("Einen Passkey zu Ihrem Konto bei Acme hinzufügen");
      expect(recover.text).toContain("15 Minuten lang");
      expect(recover.html).toContain('<html lang="de">');
      for (const email of [reset, verify, recover]) expect(email.text + email.html).not.toMatch(/\b(the|your|link works)\b/i);
    }
    // English stays the default, and a template is told the language to pick its own words by.
    const seen: string[] = [];
    const { ctx } = createTestEngine({ email: { templates: { passwordReset: ({ locale }) => (seen.push(locale), {}) } } });
    const english = await composeEmail(ctx, "PASSWORD_RESET", {
      to: "ada@example.com",
      link: emailLink(ctx, "reset-password", "t"),
      ttlSeconds: 3600,
    });
    expect(english.subject).toMatch(/^Reset your .* password$/);
    expect(english.html).toContain('<html lang="en">');
    expect(seen).toEqual(["en"]);
  });

  it("links follow websiteBasePath and the app origin only", () => {
    const { ctx } = createTestEngine({ appOrigin: "https://app.example.com", websiteBasePath: "/account/auth" });
    expect(emailLink(ctx, "reset-password", "abc")).toBe("https://app.example.com/account/auth/reset-password?token=abc");
  });

  it("escapeHtml covers the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });

  it("email options resolve with defaults and refuse bad values", () => {
    const resolved = resolveConfig({ appName: "Acme", appOrigin: "https://app.example.com" });
    expect(resolved.email.from).toEqual({ name: "Acme", address: "no-reply@app.example.com" });
    expect(resolved.email.maxAttempts).toBe(3);
    expect(resolved.passwordReset).toEqual({
      tokenTtlSeconds: 3600,
      revokeOtherSessions: true,
      requestLimit: { points: 5, durationSeconds: 3600 },
      requestLimitPerClient: { points: 30, durationSeconds: 3600 },
      sendLimitGlobal: { points: 1000, durationSeconds: 3600 },
    });
    expect(resolved.emailVerification).toEqual({
      mode: "OPTIONAL",
      tokenTtlSeconds: 86400,
      sendLimit: { points: 3, durationSeconds: 600 },
      sendLimitGlobal: { points: 1000, durationSeconds: 3600 },
    });
    expect(resolveConfig({ emailVerification: { sendLimitGlobal: false } }).emailVerification.sendLimitGlobal).toBe(false);
    expect(resolveConfig({ passwordReset: { sendLimitGlobal: false } }).passwordReset.sendLimitGlobal).toBe(false);
    for (const bad of [
      { email: { from: { address: "Evil <a@b.c>" } } },
      { email: { from: { name: "x\r\nBcc: y" } } },
      { email: { maxAttempts: 0 } },
      { passwordReset: { tokenTtlSeconds: 0.5 } },
      { emailVerification: { mode: "SOMETIMES" as "REQUIRED" } },
      { emailVerification: { sendLimit: { points: 0, durationSeconds: 60 } } },
      { emailVerification: { sendLimitGlobal: { points: 1, durationSeconds: 0 } } },
      { passwordReset: { requestLimitPerClient: { points: 0, durationSeconds: 60 } } },
      { passwordReset: { sendLimitGlobal: { points: 1, durationSeconds: 0 } } },
    ]) {
      expect(() => resolveConfig(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
    }
  });
});
