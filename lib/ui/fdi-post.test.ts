import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
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
