import { beforeAll, describe, expect, it, vi } from "vitest";
import { validateEmail, validatePassword } from "../auth/emailpassword/credential-checks";
import { MESSAGE } from "../auth/wire-codes";
import { GatehouseError } from "../auth/errors";
import { NOT_ALLOWED_REASONS } from "../auth/thirdparty/sign-in-up";
import { tooManyRequests } from "../http/respond";
import { errorResponse } from "../http/respond";
import { de } from "./de";
import { en } from "./en";
import { localiseServerMessage, SERVER_MESSAGE_KEYS } from "./server-messages";

const policy = { minLength: 8, maxLength: 256, requireLetter: true, requireDigit: true, rejectCommonPasswords: true };

/** Every message the server (or a built-in validator in the browser) writes, as it writes it. */
async function serverMessages(): Promise<string[]> {
  const unavailable = errorResponse(new GatehouseError("STORE_FAILED", "test"));
  return [
    MESSAGE.FIELD_NOT_OPTIONAL,
    validateEmail("")!,
    validateEmail("not-an-email")!,
    validatePassword("", policy)!,
    validatePassword("a1", policy)!,
    validatePassword("a1".repeat(200), policy)!,
    validatePassword("12345678", policy)!,
    validatePassword("abcdefgh", policy)!,
    validatePassword("abc", { ...policy, minLength: 12 })!,
    MESSAGE.EMAIL_EXISTS,
    MESSAGE.COMMON_PASSWORD,
    MESSAGE.EMAIL_DELIVERY_FAILED,
    (await tooManyRequests(37).json()).message,
    (await unavailable.json()).message,
    ...Object.values(NOT_ALLOWED_REASONS),
    MESSAGE.TENANT_SIGN_UP_CLOSED,
    MESSAGE.TENANT_NOT_A_MEMBER,
    MESSAGE.ACCOUNT_DELETED,
    MESSAGE.TENANT_EMAIL_NOT_VERIFIED,
    MESSAGE.TOTP_SETUPS_UNFINISHED,
    MESSAGE.TOO_MANY_TOTP_DEVICES,
    MESSAGE.TOO_MANY_PASSKEYS,
    MESSAGE.LAST_PASSKEY,
    MESSAGE.TOTP_CLOSES_LAST_WAY_IN,
  ];
}

describe("the server's messages in the UI's language", () => {
  // errorResponse logs the failure it answers; the log is not what is tested here.
  beforeAll(() => void vi.spyOn(console, "error").mockImplementation(() => {}));

  it("each server message is recognised and shown in German, placeholders filled", async () => {
    const messages = await serverMessages();
    for (const message of messages) {
      const german = localiseServerMessage(message, de);
      expect(german, message).not.toBe(message);
      expect(
        Object.values(de).some((template) =>
          new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "\\S+")}$`).test(german),
        ),
        german,
      ).toBe(true);
    }
    expect(localiseServerMessage(validatePassword("abc", { ...policy, minLength: 12 })!, de)).toBe(
      "Das Passwort muss mindestens 12 Zeichen lang sein",
    );
    expect(localiseServerMessage((await tooManyRequests(37).json()).message, de)).toBe(
      "Zu viele Anfragen. Bitte versuchen Sie es in 37 Sekunden erneut.",
    );
  });

  it("the English dictionary holds the server's own words, so English shows them unchanged", async () => {
    for (const message of await serverMessages()) expect(localiseServerMessage(message, en)).toBe(message);
    // Every key listed as a server message is used by at least one server message above.
    const messages = await serverMessages();
    for (const key of SERVER_MESSAGE_KEYS) {
      const pattern = new RegExp(`^${en[key].replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "\\S+")}$`);
      expect(
        messages.some((m) => pattern.test(m)),
        key,
      ).toBe(true);
    }
  });

  it("a message it does not know (a deployer's validator) is shown as written", () => {
    expect(localiseServerMessage("Use your Acme address", de)).toBe("Use your Acme address");
    expect(localiseServerMessage("Password must contain at least one alphabet, really", de)).toBe(
      "Password must contain at least one alphabet, really",
    );
  });
});
