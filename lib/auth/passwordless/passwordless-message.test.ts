/**
 * The words of the built-in sign-in email and SMS: how long the code works, said as the link
 * emails say it (link-email-messages.ts), and never longer than it works.
 */
import { describe, expect, it } from "vitest";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { composePasswordlessEmail, composePasswordlessSms, defaultPasswordlessEmail } from "./passwordless-message";

const input = { appName: "Acme", email: "zoe@example.com", userInputCode: "123456", link: "https://app.example/auth/verify" };

describe("the sign-in email's lifetime", () => {
  it("says one minute in the singular, in English and German", () => {
    const en = defaultPasswordlessEmail({ ...input, expiresInMinutes: 1, locale: "en" });
    expect(en.text).toContain("This works once, for 1 minute.");
    expect(en.html).toContain("This works once, for 1 minute.");
    const de = defaultPasswordlessEmail({ ...input, expiresInMinutes: 1, locale: "de" });
    expect(de.text).toContain("Das geht einmal, 1 Minute lang.");
    expect(de.html).toContain("Das geht einmal, 1 Minute lang.");
  });

  it("says whole hours as hours, as the link emails do", () => {
    expect(defaultPasswordlessEmail({ ...input, expiresInMinutes: 120, locale: "en" }).text).toContain("for 2 hours.");
    expect(defaultPasswordlessEmail({ ...input, expiresInMinutes: 60, locale: "de" }).text).toContain("1 Stunde lang.");
  });

  it("never promises longer than the code works: 90 seconds is 1 minute, not 2", async () => {
    const engine = createPasswordlessEngine({ passwordless: { codeLifetimeSeconds: 90 } });
    const email = await composePasswordlessEmail(engine.ctx, "zoe@example.com", { userInputCode: "123456" });
    expect(email.text).toContain("for 1 minute.");
    const sms = composePasswordlessSms(engine.ctx, "+491701234567", { userInputCode: "123456" });
    expect(sms.text).toBe("123456 is your Gatehouse sign-in code. It works for 1 minute.");
  });
});
