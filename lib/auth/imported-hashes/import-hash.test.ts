/**
 * What an import refuses: a hash in a format Gatehouse knows, yet shaped so that it could never
 * verify a password (cut short by a narrow source column, parameters no implementation runs).
 * Stored, it would fail every sign-in of the user instead of being reported at the import.
 */
import { hash as argon2Hash } from "@node-rs/argon2";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { describe, expect, it } from "vitest";
import { toImportRecord } from "../import/import-line";
import { importHash } from "./import-hash";
import { verifyStoredHash } from "./verify-stored-hash";

describe("importing a hash that names its format", () => {
  it("reports an argon2 or bcrypt hash that no password can ever verify, naming what is wrong, and takes the well-formed ones", async () => {
    // A fixed salt, so that the hash, and so the one-character cut below, is the same every run:
    // with a random one, about one cut in sixteen left a key that is canonical base64 of 31 bytes,
    // which is a well-formed argon2 hash (see the last case) and was rightly taken.
    const salt16 = Buffer.from("gatehouse-salt-1");
    const argon2 = await argon2Hash("pw", { algorithm: 2, memoryCost: 64, timeCost: 1, parallelism: 1, salt: salt16 });
    const bcrypt = await bcryptHash("pw", 4);
    const [salt, key] = argon2.split("$").slice(-2);
    const malformed: [string, RegExp][] = [
      // Cut short by a source column too narrow for it (VARCHAR(64), VARCHAR(90)…).
      [argon2.slice(0, 64), /argon2/],
      [argon2.slice(0, -1), /argon2 hash/],
      [argon2.slice(0, argon2.lastIndexOf("$")), /argon2/],
      [argon2.slice(0, argon2.lastIndexOf("$") + 1), /argon2/],
      [argon2.replace(`$${key}`, `$${key}==`), /argon2 hash/],
      [argon2.replace(`$${salt}$`, `$${salt.slice(0, 6)}$`), /argon2 salt/],
      [argon2.replace("v=19", "v=99"), /argon2 version/],
      [argon2.replace("m=64", "m=0"), /argon2 parameters/],
      [argon2.replace("t=1", "t=0"), /argon2 parameters/],
      [argon2.replace("p=1", "p=0"), /argon2 parameters/],
      [`$2b$03${bcrypt.slice(6)}`, /bcrypt cost/],
      [`$2a$00${bcrypt.slice(6)}`, /bcrypt cost/],
    ];
    for (const [hash, reason] of malformed) {
      // Stored as it is, it would fail the user's every sign-in, the right password included.
      expect(await verifyStoredHash(hash, "pw"), hash).toBe(false);
      expect(importHash({ passwordHash: hash }), hash).toEqual({ status: "UNKNOWN_HASH_FORMAT", reason: expect.stringMatching(reason) });
    }
    for (const hash of [argon2, argon2.replace("v=19$", ""), bcrypt]) {
      expect(importHash({ passwordHash: hash }), hash).toEqual({ status: "OK", storedHash: hash });
    }
    expect(await verifyStoredHash(argon2, "pw")).toBe(true);
    // A digest of 31 bytes is argon2's to make (any length from 4): taken, and it verifies. A cut
    // that happens to leave canonical base64 looks just like one, and cannot be told from it.
    const short = await argon2Hash("pw", { algorithm: 2, memoryCost: 64, timeCost: 1, parallelism: 1, salt: salt16, outputLen: 31 });
    expect(importHash({ passwordHash: short })).toEqual({ status: "OK", storedHash: short });
    expect(await verifyStoredHash(short, "pw")).toBe(true);
  });

  it("reports such a row per user when the import line is read, as SKIPPED UNKNOWN_HASH_FORMAT", async () => {
    const argon2 = await argon2Hash("pw", { algorithm: 2, memoryCost: 64, timeCost: 1, parallelism: 1 });
    const line = { loginMethods: [{ recipeId: "emailpassword", email: "cut@example.com", passwordHash: argon2.slice(0, 64) }] };
    expect(await toImportRecord(line, { source: "json", now: new Date(0) })).toEqual({
      status: "SKIPPED",
      reason: expect.stringMatching(/^UNKNOWN_HASH_FORMAT: .*argon2/),
      email: "cut@example.com",
    });
  });

  it("reports Firebase hashes when the project's signer key or salt separator is not base64, rather than store hashes no password verifies", async () => {
    // Firebase's published sample project and user (github.com/firebase/scrypt, README).
    const signerKey = "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==";
    const input = {
      passwordHash: "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
      hashingAlgorithm: "firebase_scrypt" as const,
      passwordSalt: "42xEC+ixf3L2lw==",
    };
    const good = importHash(input, { signerKey, saltSeparator: "Bw==" });
    expect(good.status === "OK" && (await verifyStoredHash(good.storedHash, "user1password"))).toBe(true);
    // As pasted from the console's dialog with its label, quoted, cut, or with a line break: the
    // base64 decoder skips what it cannot read, and every user would import with a wrong key.
    for (const badKey of [`base64_signer_key: ${signerKey}`, `"${signerKey}"`, `${signerKey.slice(0, 40)} ${signerKey.slice(40)}`, "", "===="]) {
      const result = importHash(input, { signerKey: badKey });
      expect(result, badKey).toEqual({ status: "UNKNOWN_HASH_FORMAT", reason: expect.stringMatching(/signer key.*base64/) });
      const core = importHash({ passwordHash: `$f_scrypt$${input.passwordHash}$${input.passwordSalt}$m=14$r=8$s=Bw==` }, { signerKey: badKey });
      expect(core, badKey).toMatchObject({ status: "UNKNOWN_HASH_FORMAT" });
    }
    for (const badSeparator of ["base64_salt_separator: Bw==", "Bw== "]) {
      expect(importHash(input, { signerKey, saltSeparator: badSeparator }), badSeparator).toEqual({
        status: "UNKNOWN_HASH_FORMAT",
        reason: expect.stringMatching(/salt separator.*base64/),
      });
    }
  });
});
