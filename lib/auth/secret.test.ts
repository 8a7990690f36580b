import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSecret, secretWeakness } from "./secret";
import { TEST_SECRET } from "./testing/test-engine";

describe("secretWeakness", () => {
  it("finds nothing wrong with generated secrets (openssl rand -hex 32, -base64 32) or a long passphrase", () => {
    for (let i = 0; i < 200; i++) {
      expect(secretWeakness(randomBytes(32).toString("hex"))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString("base64"))).toBeNull();
    }
    expect(secretWeakness("correct horse battery staple, then two more words")).toBeNull();
    expect(secretWeakness(TEST_SECRET)).toBeNull();
  });

  it("names a piece repeated, or too few different characters", () => {
    expect(secretWeakness("f".repeat(64))).toBe("it is one character repeated");
    expect(secretWeakness("abcd".repeat(16))).toBe("it is 4 characters repeated");
    expect(secretWeakness("e2e7e57e2e7e57e2".repeat(4))).toBe("it is 16 characters repeated");
    expect(secretWeakness("password-password-password-password")).toBe("it is 9 characters repeated");
    expect(secretWeakness("aaaabbbbccccddddaaaabbbbccccdddde")).toBe("it uses only 5 different characters");
    expect(secretWeakness("0123456789".repeat(3) + "01")).toBe("it is 10 characters repeated");
    expect(secretWeakness("00000000000000000000000000000000000000000000000000000000000000001")).toBe("it uses only 2 different characters");
  });

  it("is advice, not a rule: checkSecret still takes any secret of 32 bytes or more", () => {
    expect(checkSecret("ab".repeat(16))).toBe("ab".repeat(16));
    expect(() => checkSecret("short")).toThrow(/at least 32 bytes/);
  });
});
