import { describe, expect, it } from "vitest";
import { resolveMfaConfig } from "../config-mfa";
import { checkLoginMethods } from "../organizations/tenant-admin";
import { firstFactorOf } from "./factor-ids";

const fail = (message: string) => new Error(message);

/**
 * Only a factor that can be completed after sign-in may be required. `otp-email` required was a
 * trap: a password user had no step to take, and a passwordless sign-in (whose first factor is
 * `otp-email`) met the requirement alone.
 */
describe("the factors a deployer or an organization may require", () => {
  it("refuses otp-email and otp-phone at start-up, saying why, everywhere a list of them is given", () => {
    expect(firstFactorOf({ method: "passwordless", email: "a@example.com" })).toBe("otp-email");
    for (const options of [
      { requiredSecondaryFactors: ["otp-email"] },
      { requiredSecondaryFactors: ["totp", "otp-phone"] },
      { requiredSecondaryFactorsByRole: { admin: ["otp-email"] } },
    ]) {
      expect(() => resolveMfaConfig(options as never, "App", fail)).toThrow(/cannot be completed after sign-in yet.*"totp"/);
    }
    expect(() => resolveMfaConfig({ requiredSecondaryFactors: ["sms"] } as never, "App", fail)).toThrow(/"sms" is not a secondary factor/);
    expect(resolveMfaConfig({ requiredSecondaryFactors: ["totp"], requiredSecondaryFactorsByRole: { admin: ["totp"] } }, "App", fail)).toMatchObject({
      requiredSecondaryFactors: ["totp"],
      requiredSecondaryFactorsByRole: { admin: ["totp"] },
    });
  });

  it("refuses a requirement in a turned-off mfa section at start-up, rather than ignore it", () => {
    for (const options of [
      { enabled: false, requiredSecondaryFactors: ["totp"] },
      { enabled: false, requiredSecondaryFactorsByRole: { admin: ["totp"] } },
    ] as const) {
      expect(() => resolveMfaConfig(options as never, "App", fail)).toThrow(/mfa\.requiredSecondaryFactors.*: MFA is off \(mfa\.enabled: false\)/);
    }
    // Empty lists require nothing: a section kept for later, turned off, is no contradiction.
    expect(
      resolveMfaConfig({ enabled: false, requiredSecondaryFactors: [], requiredSecondaryFactorsByRole: { admin: [] } }, "App", fail),
    ).toMatchObject({
      enabled: false,
    });
  });

  it("refuses them in an organization's login methods (admin API, CLI)", () => {
    expect(checkLoginMethods({ requiredSecondaryFactors: ["otp-email"] } as never)).toMatch(
      /requiredSecondaryFactors: "otp-email" cannot be completed/,
    );
    expect(checkLoginMethods({ requiredSecondaryFactors: ["otp-phone"] } as never)).toMatch(/otp-phone/);
    expect(checkLoginMethods({ requiredSecondaryFactors: ["totp"] })).toBeUndefined();
  });
});
