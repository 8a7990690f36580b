import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
import { organizationMessage } from "./organization-api";

describe("the organizations API's refusals, in the UI's language", () => {
  it("a switch refused for the sign-in method asks to sign in again with one of the organization's methods", () => {
    const answer = { httpStatus: 403, body: { status: "TENANT_SIGN_IN_REQUIRED" } };
    expect(organizationMessage(answer, en)).toBe(en.orgSignInRequired);
    expect(organizationMessage(answer, de)).toBe(de.orgSignInRequired);
    expect(de.orgSignInRequired).not.toBe(en.orgSignInRequired);
  });
});
