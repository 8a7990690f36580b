import { describe, expect, it } from "vitest";
import type { EmailPasswordValidators } from "../config-email-password-validators";
import { resetPasswordUsingToken } from "../passwordreset/reset-password";
import { createTestEngine } from "../testing/test-engine";
import { setUserPassword } from "../users/user-admin-actions";
import { changePassword } from "./change-password";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";
import { updateEmail } from "./update-email";
import { checkNewEmail, checkPasswordRules, normaliseEmail, validateEmail } from "./credential-checks";

const fields = (email: string, password: string) => ({ email, password, formFields: { email, password } });
const NO_APP_NAME = "Leave the app's name out of your password";

/** Adds a rule to the built-in password check, as the example in docs/ui.md does. */
const addingRule: EmailPasswordValidators = {
  password: (password, builtIn) => builtIn(password) ?? (/gatehouse/i.test(password) ? NO_APP_NAME : undefined),
  email: (email, builtIn) => builtIn(email) ?? (email.trim().toLowerCase().endsWith("@acme.example") ? undefined : "Use your Acme address"),
};

describe("replaceable email and password validators", () => {
  it("sign-up answers FIELD_ERROR with the deployer's messages, and the built-in rules still run beneath them", async () => {
    const { ctx } = createTestEngine({ emailPassword: { validators: addingRule } });
    expect(await signUp(ctx, fields("ada@acme.example", "Gatehouse123"))).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "password", error: NO_APP_NAME }],
    });
    expect(await signUp(ctx, fields("ada@other.example", "short"))).toEqual({
      status: "FIELD_ERROR",
      formFields: [
        { id: "email", error: "Use your Acme address" },
        { id: "password", error: "Password must contain at least 8 characters" },
      ],
    });
    expect((await signUp(ctx, fields("ada@acme.example", "correct horse 1"))).status).toBe("OK");
  });

  it("a replacement that drops the built-in check is obeyed, but an empty value is always refused", async () => {
    const { ctx } = createTestEngine({ emailPassword: { validators: { password: () => undefined } } });
    expect((await signUp(ctx, fields("short@example.com", "abc"))).status).toBe("OK");
    expect(await signUp(ctx, fields("empty@example.com", ""))).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "password", error: "Field is not optional" }],
    });
  });

  it("sign-in keeps the built-in checks, so a stricter rule never locks out an existing account", async () => {
    const before = createTestEngine();
    expect((await signUp(before.ctx, fields("old@example.com", "gatehouse-1"))).status).toBe("OK");
    const { ctx } = createTestEngine({ emailPassword: { validators: addingRule } }, { stores: before.stores });
    expect((await signIn(ctx, fields("old@example.com", "gatehouse-1"))).status).toBe("OK");
  });

  it("change password, reset password, the admin API and a changed email use the replacements", async () => {
    const { ctx } = createTestEngine({ emailPassword: { validators: addingRule } });
    const up = await signUp(ctx, fields("bob@acme.example", "correct horse 1"));
    if (up.status !== "OK") throw new Error(up.status);
    const userId = up.user.id;
    expect(
      await changePassword(ctx, { userId, sessionHandle: up.tokens.sessionHandle, oldPassword: "correct horse 1", newPassword: "my gatehouse 2" }),
    ).toEqual({ status: "FIELD_ERROR", formFields: [{ id: "newPassword", error: NO_APP_NAME }] });
    // The password is checked before the token is looked at, so any token shows the rule.
    expect(await resetPasswordUsingToken(ctx, { token: "not-a-token", newPassword: "GATEHOUSE99" })).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "password", error: NO_APP_NAME }],
    });
    expect(await setUserPassword(ctx, userId, "gatehouse77")).toEqual({ status: "PASSWORD_POLICY_VIOLATED_ERROR", failureReason: NO_APP_NAME });
    expect(await updateEmail(ctx, userId, "bob@elsewhere.example")).toEqual({ status: "EMAIL_INVALID_ERROR", message: "Use your Acme address" });
    expect(await updateEmail(ctx, userId, "robert@acme.example")).toEqual({ status: "OK" });
    expect((await signIn(ctx, fields("bob@acme.example", "correct horse 1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  });

  it("without replacements the built-in checks answer, the same functions the browser runs", () => {
    const rules = { passwordPolicy: { minLength: 10, maxLength: 20, requireLetter: true, requireDigit: false, rejectCommonPasswords: true } };
    expect(checkPasswordRules(rules, "abcdefghi")).toBe("Password must contain at least 10 characters");
    expect(checkPasswordRules(rules, "abcdefghij")).toBeUndefined();
    // requireLetter on its own: digits and symbols only (none of them a common password), then any script's letters.
    expect(checkPasswordRules(rules, "4815162342")).toBe("Password must contain at least one alphabet");
    expect(checkPasswordRules(rules, "90-17/26.35")).toBe("Password must contain at least one alphabet");
    expect(checkPasswordRules(rules, "4815162342ж")).toBeUndefined();
    expect(checkNewEmail({}, "not-an-email")).toBe("Email is invalid");
    expect(checkNewEmail({}, "   ")).toBe("Field is not optional");
    expect(checkNewEmail({ validators: { email: () => undefined } }, "   ")).toBe("Field is not optional");
  });

  it("an address with a control character is invalid, wherever it is; other Unicode stays allowed", () => {
    for (const email of ["a\u0000b@example.com", "ab@exa\u0000mple.com", "ab@example.c\u007fom", "a\u0008@example.com", "ab@example.com\u0085"])
      expect(validateEmail(email), JSON.stringify(email)).toBe("Email is invalid");
    expect(validateEmail("josé@bücher.example")).toBeUndefined();
  });
});

// "josé" typed precomposed (NFC, U+00E9) and decomposed ("e" + U+0301, as some systems paste it):
// one mailbox to a mail system (RFC 6532 asks for NFC), so one address here.
const NFC = "jos\u00e9@b\u00fccher.example";
const NFD = "jose\u0301@bu\u0308cher.example";

describe("an address in Unicode NFC", () => {
  it("normaliseEmail gives the NFC form, trimmed and lower-cased, whichever form comes in", () => {
    expect(NFD).not.toBe(NFC);
    expect(normaliseEmail(NFD)).toBe(NFC);
    expect(normaliseEmail(NFC)).toBe(NFC);
    expect(normaliseEmail(`  ${NFD.toUpperCase()} `)).toBe(NFC);
    // Idempotent, and NFC even where lower-casing decomposes (U+0130 lower-cases to "i" + U+0307).
    for (const email of [NFD, "\u0130stanbul@example.com", "\u212Aelvin@example.com", "\u2126@example.com"]) {
      const once = normaliseEmail(email);
      expect(normaliseEmail(once), JSON.stringify(email)).toBe(once);
      expect(once.normalize("NFC"), JSON.stringify(email)).toBe(once);
    }
  });

  it("validateEmail takes either form, and measures the address as it will be stored", () => {
    expect(validateEmail(NFD)).toBeUndefined();
    expect(validateEmail(NFC)).toBeUndefined();
    // 254 characters in NFC, 255 in NFD: the stored (NFC) form is what must fit.
    const local = "e\u0301" + "a".repeat(254 - 1 - "@example.com".length);
    expect(normaliseEmail(`${local}@example.com`)).toHaveLength(254);
    expect(`${local}@example.com`).toHaveLength(255);
    expect(validateEmail(`${local}@example.com`)).toBeUndefined();
  });
});
