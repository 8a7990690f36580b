import { describe, expect, it } from "vitest";
import { totpCodeAtStep } from "./rfc6238";

describe("the tests' own TOTP", () => {
  it("gives RFC 6238's SHA-1 test vectors (appendix B, last 6 digits)", () => {
    // The RFC's secret "12345678901234567890" in base32.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCodeAtStep(secret, Math.floor(59 / 30))).toBe("287082");
    expect(totpCodeAtStep(secret, Math.floor(1111111109 / 30))).toBe("081804");
    expect(totpCodeAtStep(secret, Math.floor(2000000000 / 30))).toBe("279037");
  });
});
