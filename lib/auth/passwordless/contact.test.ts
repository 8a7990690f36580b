import { describe, expect, it } from "vitest";
import { normalisePhoneNumber, parseContact } from "./contact";

describe("normalisePhoneNumber (E.164)", () => {
  it("keeps the digits of a number written with spaces, dots, dashes, brackets or 00", () => {
    expect(normalisePhoneNumber("+49 170 1234567")).toBe("+491701234567");
    expect(normalisePhoneNumber("+1 (555) 123-4567")).toBe("+15551234567");
    expect(normalisePhoneNumber("0049 170.123.4567")).toBe("+491701234567");
  });

  it("drops the trunk prefix written as (0) after the country code: the same phone is one number", () => {
    expect(normalisePhoneNumber("+49 (0)170 1234567")).toBe("+491701234567");
    expect(normalisePhoneNumber("+49(0)1701234567")).toBe("+491701234567");
    expect(normalisePhoneNumber("0044 (0) 20 7946 0958")).toBe("+442079460958");
  });

  it("keeps a 0 that is not bracketed (Italy dials it from abroad)", () => {
    expect(normalisePhoneNumber("+39 06 1234 5678")).toBe("+390612345678");
  });

  it("refuses numbers without a country code, or not numbers at all", () => {
    expect(normalisePhoneNumber("0170 1234567")).toBeNull();
    expect(normalisePhoneNumber("(0)170 1234567")).toBeNull();
    expect(normalisePhoneNumber("+49 170 12a4567")).toBeNull();
    expect(normalisePhoneNumber("+0 170 1234567")).toBeNull();
  });

  it("is what parseContact stores, so sign-up and sign-in meet on one account", () => {
    expect(parseContact("PHONE", { phoneNumber: "+49 (0) 170 1234567" })).toEqual({ status: "OK", contact: { phoneNumber: "+491701234567" } });
  });
});
