import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
import { MESSAGE } from "../auth/wire-codes";
import { crossOriginMessage, messageOf } from "./fdi-post";

describe("the Origin check's refusal, as the forms show it", () => {
  const refused = { httpStatus: 403, body: { status: "BAD_INPUT_ERROR", message: "Cross-origin request refused" } };

  it("names the page's address and the setting that makes the server accept it, in the UI's language", () => {
    const text = crossOriginMessage(refused, en, "http://127.0.0.1:3457")!;
    expect(text).toContain("http://127.0.0.1:3457");
    expect(text).toContain("GATEHOUSE_APP_ORIGIN");
    expect(crossOriginMessage(refused, de, "http://127.0.0.1:3457")).toContain("Der Server hat diese Anfrage abgelehnt");
  });

  it("leaves every other answer alone", () => {
    expect(crossOriginMessage({ httpStatus: 403, body: { message: "invalid claim" } }, en, "http://x")).toBeUndefined();
    expect(crossOriginMessage({ httpStatus: 400, body: refused.body }, en, "http://x")).toBeUndefined();
    expect(messageOf({ httpStatus: 500, body: null }, en)).toBe(en.general);
  });
});

describe("a refused sign-up or sign-in, as the forms show it", () => {
  it("shows the reason the server gave (an organization's rules), in the UI's language, rather than a general error", () => {
    const answer = { httpStatus: 200, body: { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_EMAIL_NOT_VERIFIED } };
    expect(messageOf(answer, en)).toBe(MESSAGE.TENANT_EMAIL_NOT_VERIFIED);
    expect(messageOf(answer, de)).toBe(de.tenantEmailNotVerified);
    expect(messageOf({ httpStatus: 200, body: { status: "SIGN_UP_NOT_ALLOWED" } }, en)).toBe(en.general);
  });
});
