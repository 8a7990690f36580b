import { describe, expect, it } from "vitest";
import type { TenantLoginMethods } from "../ports/organization-store";
import { checkLoginMethods, redactLoginMethods } from "./tenant-admin";

describe("a tenant's login methods as operators set and see them", () => {
  it("refuses what the CLI's free JSON can hold instead of throwing on it", () => {
    for (const value of [
      { thirdPartyProviders: "google" },
      { requiredSecondaryFactors: "totp" },
      { thirdPartyProviders: [null] },
      { thirdPartyProviders: [[]] },
      // Each would throw at every sign-in under the tenant (null.includes) or here (string.every).
      { allowedEmailDomains: null },
      { allowedEmailDomains: "acme.com" },
      { allowedEmailDomains: [1] },
      { firstFactors: "emailpassword" },
      { firstFactors: null },
      { signUpOpen: "yes" },
      "emailpassword",
      ["emailpassword"],
    ]) {
      expect(checkLoginMethods(value as unknown as TenantLoginMethods)).toEqual(expect.any(String));
    }
    expect(
      checkLoginMethods({ thirdPartyProviders: ["google", { id: "corp", clientId: "c", clientSecret: "s" }], requiredSecondaryFactors: ["totp"] }),
    ).toBeUndefined();
  });

  it("shows a provider's own client without its secret", () => {
    const shown = redactLoginMethods({ signUpOpen: true, thirdPartyProviders: ["google", { id: "corp", clientId: "c", clientSecret: "s3cret" }] });
    expect(shown).toEqual({ signUpOpen: true, thirdPartyProviders: ["google", { id: "corp", clientId: "c", hasClientSecret: true }] });
    expect(redactLoginMethods(null)).toBeNull();
  });
});
