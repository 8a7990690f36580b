/** A passkey sign-in (user verification required) meets the MFA requirements by itself. */
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { firstFactorOf } from "./factor-ids";
import { mfaStateFor } from "./mfa-claim";

describe("passkey sign-in and MFA", () => {
  it("records webauthn as the session's first factor", () => {
    expect(firstFactorOf({ method: "webauthn", email: "a@example.com" })).toBe("webauthn");
    expect(firstFactorOf({ method: "passwordless", email: "a@example.com" })).toBe("otp-email");
  });

  it("meets required secondary factors with a passkey sign-in, and not with a password", async () => {
    const { ctx } = createTestEngine({ mfa: { requiredSecondaryFactors: ["totp"] } });
    const passkey = await mfaStateFor(ctx, "user-1", { webauthn: 1_700_000_000 });
    expect(passkey).toMatchObject({ met: true, next: [] });
    const password = await mfaStateFor(ctx, "user-1", { emailpassword: 1_700_000_000 });
    expect(password).toMatchObject({ met: false, next: ["totp"] });
  });
});
