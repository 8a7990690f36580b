import { describe, expect, it } from "vitest";
import type { TenantLoginMethods } from "../ports/organization-store";
import { createTestEngine } from "../testing/test-engine";
import { createOrganization } from "./organizations";
import { checkLoginMethods, redactLoginMethods, setTenantLoginMethods } from "./tenant-admin";

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

  it("refuses a field it does not know, as the admin API does: a misspelt rule would be stored and enforce nothing", async () => {
    const { ctx, stores } = createTestEngine();
    await stores.users.createEmailPasswordUser({ id: "owner", email: "owner@acme.com", passwordHash: "h", timeJoined: ctx.now() });
    await createOrganization(ctx, { userId: "owner", slug: "acme", name: "Acme" });
    for (const value of [
      // `allowedEmailDomain`: sign-up would be open to every address instead of acme.com's.
      { signUpOpen: true, allowedEmailDomain: ["acme.com"] },
      { signupOpen: true },
      { requiredSecondaryFactor: ["totp"] },
      { thirdPartyProviders: [{ id: "corp", clientId: "c", clientSecret: "s", client_secret: "s" }] },
    ]) {
      const loginMethods = value as unknown as TenantLoginMethods;
      expect(checkLoginMethods(loginMethods), JSON.stringify(value)).toEqual(expect.any(String));
      expect(await setTenantLoginMethods(ctx, { organizationId: "acme", loginMethods })).toMatchObject({ status: "LOGIN_METHODS_INVALID" });
    }
    expect((await stores.organizations.getOrganization("acme"))?.loginMethods).toBeNull();
  });

  it("shows a provider's own client without its secret", () => {
    const shown = redactLoginMethods({ signUpOpen: true, thirdPartyProviders: ["google", { id: "corp", clientId: "c", clientSecret: "s3cret" }] });
    expect(shown).toEqual({ signUpOpen: true, thirdPartyProviders: ["google", { id: "corp", clientId: "c", hasClientSecret: true }] });
    expect(redactLoginMethods(null)).toBeNull();
  });
});
