/**
 * A password is the same password whichever Unicode form the keyboard or the clipboard gave it:
 * "é" precomposed (U+00E9, as most keyboards type it) or decomposed ("e" + U+0301, as text
 * copied from macOS file names or some input methods gives it). NIST SP 800-63B asks for a
 * normalisation before hashing. A hash stored before it, of a decomposed password, still takes
 * that password as typed.
 */
import { describe, expect, it } from "vitest";
import { createEmailEngine } from "../testing/email-fixtures";
import { signIn } from "./sign-in";
import { validatePassword } from "./credential-checks";
import { hashPassword, verifyPassword } from "./password-hash";

const nfc = "Caf\u00e9-cr\u00e8me-42";
const nfd = "Cafe\u0301-cre\u0300me-42";

describe("passwords in Unicode NFC", () => {
  it("a password set in one form signs in typed in the other", async () => {
    const { ctx, signUpUser } = createEmailEngine();
    await signUpUser("nfc@example.com", nfc);
    await signUpUser("nfd@example.com", nfd);
    expect((await signIn(ctx, { email: "nfc@example.com", password: nfd })).status).toBe("OK");
    expect((await signIn(ctx, { email: "nfd@example.com", password: nfc })).status).toBe("OK");
    expect((await signIn(ctx, { email: "nfc@example.com", password: "Cafe-creme-42" })).status).toBe("WRONG_CREDENTIALS_ERROR");
  });

  it("a hash of the decomposed form made before still verifies it as typed, and nothing else", async () => {
    const { hash } = await import("@node-rs/argon2");
    const before = await hash(nfd, { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 });
    expect(await verifyPassword(before, nfd)).toBe(true);
    expect(await verifyPassword(before, "Cafe-creme-42")).toBe(false);
    expect(await verifyPassword(await hashPassword(nfd), nfc)).toBe(true);
  });

  it("lengths count characters of the NFC form: neither the form typed nor UTF-16 units change the count", () => {
    const policy = { minLength: 8, maxLength: 12, requireLetter: true, requireDigit: true, rejectCommonPasswords: false };
    // Four foxes and "a1" are six characters, though twelve UTF-16 code units.
    expect(validatePassword("\u{1F98A}\u{1F98A}\u{1F98A}\u{1F98A}a1", policy)).toBe("Password must contain at least 8 characters");
    // Eleven characters, fourteen code points decomposed: within the 12 either way.
    expect(validatePassword("e\u0301e\u0301e\u0301abcdefg1", policy)).toBeUndefined();
    expect(validatePassword("\u00e9\u00e9\u00e9abcdefg1", policy)).toBeUndefined();
  });
});
