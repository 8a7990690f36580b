import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
import { format } from "../i18n";
import { organizationMessage } from "./organization-api";

describe("the organizations API's refusals, in the UI's language", () => {
  it("a switch refused for the sign-in method asks to sign in again with one of the organization's methods", () => {
    const answer = { httpStatus: 403, body: { status: "TENANT_SIGN_IN_REQUIRED" } };
    expect(organizationMessage(answer, en)).toBe(en.orgSignInRequired);
    expect(organizationMessage(answer, de)).toBe(de.orgSignInRequired);
    expect(de.orgSignInRequired).not.toBe(en.orgSignInRequired);
  });

  it("a limit's 429 says when to try again", () => {
    const answer = { httpStatus: 429, body: { status: "GENERAL_ERROR", message: "Too many requests. Please try again in 120 seconds." } };
    expect(organizationMessage(answer, en)).toBe("Too many requests. Please try again in 120 seconds.");
    expect(organizationMessage(answer, de)).toBe(format(de.tooManyRequests, { seconds: "120" }));
    expect(de.tooManyRequests).not.toBe(en.tooManyRequests);
  });
});
