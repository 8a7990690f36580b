import { scrypt, scryptSync } from "node:crypto";
import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import { hash as bcryptHash, verify as bcryptVerify } from "@node-rs/bcrypt";
import { describe, expect, it, vi } from "vitest";
import { importHash } from "./import-hash";
import { needsRehash, storedHashFormat } from "./stored-hash-format";
import { verifyStoredHash } from "./verify-stored-hash";

// The native verifications, watched (and still run): a hash refused for its cost must never reach them.
vi.mock("@node-rs/argon2", async (original) => {
  const actual = await original<typeof import("@node-rs/argon2")>();
  return { ...actual, verify: vi.fn(actual.verify) };
});
vi.mock("@node-rs/bcrypt", async (original) => {
  const actual = await original<typeof import("@node-rs/bcrypt")>();
  return { ...actual, verify: vi.fn(actual.verify) };
});
vi.mock("node:crypto", async (original) => {
  const actual = await original<typeof import("node:crypto")>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});

const stored = (passwordHash: string, hashingAlgorithm?: Parameters<typeof importHash>[0]["hashingAlgorithm"], extra = {}) => {
  const result = importHash({ passwordHash, hashingAlgorithm, ...extra });
  if (result.status !== "OK") throw new Error(result.reason);
  return result.storedHash;
};

// better-auth's and Lucia v3's construction: the hex salt *string* is scrypt's salt.
function sourceScrypt(password: string, salt: string, r: number): string {
  return scryptSync(password.normalize("NFKC"), salt, 64, { N: 16384, r, p: 1, maxmem: 64 * 1024 * 1024 }).toString("hex");
}

// Firebase's published sample project and user (github.com/firebase/scrypt, README).
const FIREBASE = {
  signerKey: "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
  hash: "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
  salt: "42xEC+ixf3L2lw==",
};

describe("verifying imported password hashes", () => {
  it("bcrypt $2a$, $2b$ and $2y$ at several costs", async () => {
    for (const cost of [4, 6]) {
      const made = await bcryptHash("hunter2 bcrypt", cost);
      for (const prefix of ["$2a$", "$2b$", "$2y$"]) {
        const hash = stored(prefix + made.slice(4), "bcrypt");
        expect(await verifyStoredHash(hash, "hunter2 bcrypt")).toBe(true);
        expect(await verifyStoredHash(hash, "hunter3 bcrypt")).toBe(false);
      }
    }
    // PHP's password_hash() documentation example, and a jBCrypt/OpenBSD test vector.
    expect(await verifyStoredHash(stored("$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a"), "rasmuslerdorf")).toBe(true);
    expect(await verifyStoredHash(stored("$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"), "abc")).toBe(true);
  });

  it("argon2d, argon2i and argon2id with other parameters, and asks for a rehash of each", async () => {
    for (const algorithm of [0, 1, 2]) {
      const hash = stored(await argon2Hash("correct horse", { algorithm, memoryCost: 4096, timeCost: 3, parallelism: 1 }));
      expect(await verifyStoredHash(hash, "correct horse")).toBe(true);
      expect(await verifyStoredHash(hash, "correct horsE")).toBe(false);
      expect(needsRehash(hash)).toBe(true);
    }
    const own = await argon2Hash("x", { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(own)).toBe(false);
  });

  it("scrypt as better-auth and Lucia v3 store it (salt:key), Lucia v2 (s2:) and Lucia v1 (r=8)", async () => {
    const salt = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    const v3 = stored(`${salt}:${sourceScrypt("pässword ﬁ", salt, 16)}`, "scrypt");
    expect(storedHashFormat(v3)).toBe("scrypt");
    expect(await verifyStoredHash(v3, "pässword ﬁ")).toBe(true);
    // NFKC: the ligature and its letters are one password, as in the source.
    expect(await verifyStoredHash(v3, "pässword fi")).toBe(true);
    expect(await verifyStoredHash(v3, "password fi")).toBe(false);
    const v2 = stored(`s2:abcdefgh12345678:${sourceScrypt("lucia two", "abcdefgh12345678", 16)}`, "scrypt");
    expect(await verifyStoredHash(v2, "lucia two")).toBe(true);
    const v1 = stored(`abcdefgh12345678:${sourceScrypt("lucia one", "abcdefgh12345678", 8)}`, "lucia-v1-scrypt");
    expect(await verifyStoredHash(v1, "lucia one")).toBe(true);
    expect(await verifyStoredHash(stored(`abcdefgh12345678:${sourceScrypt("lucia one", "abcdefgh12345678", 8)}`, "scrypt"), "lucia one")).toBe(false);
  });

  it("Firebase's modified scrypt, with the firebase/scrypt README's sample project and user", async () => {
    const firebase = {
      signerKey: "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
      saltSeparator: "Bw==",
      rounds: 8,
      memCost: 14,
    };
    const input = {
      passwordHash: "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
      hashingAlgorithm: "firebase_scrypt" as const,
      passwordSalt: "42xEC+ixf3L2lw==",
    };
    const result = importHash(input, firebase);
    expect(result.status).toBe("OK");
    if (result.status !== "OK") return;
    expect(await verifyStoredHash(result.storedHash, "user1password")).toBe(true);
    expect(await verifyStoredHash(result.storedHash, "user2password")).toBe(false);
    const otherKey = importHash(input, { ...firebase, signerKey: Buffer.alloc(64, 1).toString("base64") });
    expect(otherKey.status === "OK" && (await verifyStoredHash(otherKey.storedHash, "user1password"))).toBe(false);
    expect(importHash(input).status).toBe("UNKNOWN_HASH_FORMAT");
  });

  it("Firebase hashes as a SuperTokens core stores them ($f_scrypt$, parameters in the hash, signer key from the options)", async () => {
    const [passwordHash, passwordSalt] = [FIREBASE.hash, FIREBASE.salt];
    const coreHash = `$f_scrypt$${passwordHash}$${passwordSalt}$m=14$r=8$s=Bw==`;
    // The hash's own parameters win over the options' (here, wrong) ones.
    const result = importHash({ passwordHash: coreHash }, { signerKey: FIREBASE.signerKey, rounds: 9, memCost: 13, saltSeparator: "AA==" });
    expect(result.status).toBe("OK");
    if (result.status !== "OK") return;
    expect(storedHashFormat(result.storedHash)).toBe("firebase-scrypt");
    expect(await verifyStoredHash(result.storedHash, "user1password")).toBe(true);
    expect(await verifyStoredHash(result.storedHash, "user2password")).toBe(false);
    const reordered = importHash(
      { passwordHash: `$f_scrypt$${passwordHash}$${passwordSalt}$s=Bw==$r=8$m=14`, hashingAlgorithm: "firebase_scrypt" },
      {
        signerKey: FIREBASE.signerKey,
      },
    );
    expect(reordered.status === "OK" && (await verifyStoredHash(reordered.storedHash, "user1password"))).toBe(true);
    expect(importHash({ passwordHash: coreHash })).toMatchObject({
      status: "UNKNOWN_HASH_FORMAT",
      reason: expect.stringContaining("--firebase-signer-key"),
    });
    for (const bad of [`$f_scrypt$${passwordHash}$${passwordSalt}$m=14$r=8`, `$f_scrypt$${passwordHash}$${passwordSalt}$m=x$r=8$s=Bw==`])
      expect(importHash({ passwordHash: bad }, { signerKey: FIREBASE.signerKey }).status).toBe("UNKNOWN_HASH_FORMAT");
  });

  it("a hash naming an absurd cost verifies nothing, at once, and an import reports it", { timeout: 3000 }, async () => {
    // Real hashes with their cost raised: argon2 t=10^6 (about a minute of CPU per attempt), then
    // 4 GiB of memory, bcrypt cost 31 (days). Each sign-in attempt for the address would run it.
    const argon2 = await argon2Hash("pw", { algorithm: 2, memoryCost: 64, timeCost: 1, parallelism: 1 });
    const bcrypt = await bcryptHash("pw", 4);
    const absurd = [
      argon2.replace("m=64,t=1,p=1", "m=64,t=1000000,p=1"),
      argon2.replace("m=64,t=1,p=1", "m=4194304,t=1,p=1"),
      argon2.replace("m=64,t=1,p=1", "m=64,t=1,p=255"),
      `$2b$31${bcrypt.slice(6)}`,
    ];
    // The watch works: an ordinary hash of each kind reaches its verification.
    vi.mocked(argon2Verify).mockClear();
    vi.mocked(bcryptVerify).mockClear();
    expect(await verifyStoredHash(argon2, "pw")).toBe(true);
    expect(await verifyStoredHash(bcrypt, "pw")).toBe(true);
    expect(argon2Verify).toHaveBeenCalledTimes(1);
    expect(bcryptVerify).toHaveBeenCalledTimes(1);
    for (const hash of absurd) {
      vi.mocked(argon2Verify).mockClear();
      vi.mocked(bcryptVerify).mockClear();
      expect(await verifyStoredHash(hash, "pw")).toBe(false);
      // Refused before any hashing: the cost it names is never spent.
      expect(argon2Verify).not.toHaveBeenCalled();
      expect(bcryptVerify).not.toHaveBeenCalled();
      expect(importHash({ passwordHash: hash })).toMatchObject({ status: "UNKNOWN_HASH_FORMAT" });
    }
    // The sources' own settings stay within the bounds: libsodium's "sensitive" argon2id, bcrypt 14.
    expect(importHash({ passwordHash: argon2.replace("m=64,t=1,p=1", "m=1048576,t=4,p=1") }).status).toBe("OK");
    expect(importHash({ passwordHash: `$2b$14${bcrypt.slice(6)}` }).status).toBe("OK");
  });

  it("an scrypt hash naming gigabytes (or more) verifies nothing, at once, and an import reports it", async () => {
    const key = "00".repeat(32);
    // Each within the old per-parameter bounds (N ≤ 2^20, r ≤ 32, p ≤ 16) but 4 GiB (128·N·r)
    // per attempt, 16 passes of it; and Firebase's mem_cost and rounds as a SuperTokens row
    // carries them (m=40: 2^40, which no attempt ever runs).
    const absurd = [`$scrypt-kdf$n=1048576,r=32,p=16$salt$${key}`, `$scrypt-kdf$n=1048576,r=16,p=1$salt$${key}`];
    // Never run here, should the bound regress: the watch answers in place of scrypt.
    const refuse = (...args: unknown[]) => (args.at(-1) as (error: Error) => void)(new Error("scrypt not run in this test"));
    vi.mocked(scrypt).mockImplementation(refuse as typeof scrypt);
    for (const hash of absurd) {
      vi.mocked(scrypt).mockClear();
      expect(await verifyStoredHash(hash, "pw")).toBe(false);
      expect(scrypt).not.toHaveBeenCalled();
      expect(importHash({ passwordHash: hash, hashingAlgorithm: "gatehouse" })).toMatchObject({ status: "UNKNOWN_HASH_FORMAT" });
    }
    vi.mocked(scrypt).mockRestore();
    for (const params of ["m=40$r=8", "m=17$r=99", "m=21$r=8"]) {
      const coreHash = `$f_scrypt$${FIREBASE.hash}$${FIREBASE.salt}$${params}$s=Bw==`;
      expect(importHash({ passwordHash: coreHash }, { signerKey: FIREBASE.signerKey })).toMatchObject({ status: "UNKNOWN_HASH_FORMAT" });
    }
    expect(
      importHash(
        { passwordHash: FIREBASE.hash, passwordSalt: FIREBASE.salt, hashingAlgorithm: "firebase_scrypt" },
        { signerKey: FIREBASE.signerKey, memCost: 30 },
      ),
    ).toMatchObject({ status: "UNKNOWN_HASH_FORMAT" });
    // The sources' own settings stay within: better-auth and Lucia (N=2^14, r=16), Firebase (14, 8), up to 1 GiB.
    for (const hash of [`$scrypt-kdf$n=16384,r=16,p=1$salt$${key}`, `$scrypt-kdf$n=1048576,r=8,p=1$salt$${key}`])
      expect(importHash({ passwordHash: hash, hashingAlgorithm: "gatehouse" }).status).toBe("OK");
    const sample = `$f_scrypt$${FIREBASE.hash}$${FIREBASE.salt}$m=14$r=8$s=Bw==`;
    expect(importHash({ passwordHash: sample }, { signerKey: FIREBASE.signerKey }).status).toBe("OK");
  });

  it("reports what it cannot verify, and a malformed stored hash verifies nothing", async () => {
    expect(importHash({ passwordHash: "5f4dcc3b5aa765d61d8327deb882cf99" })).toMatchObject({ status: "UNKNOWN_HASH_FORMAT" });
    expect(importHash({ passwordHash: "$2b$10$short", hashingAlgorithm: "bcrypt" }).status).toBe("UNKNOWN_HASH_FORMAT");
    expect(importHash({ passwordHash: "nocolon", hashingAlgorithm: "scrypt" }).status).toBe("UNKNOWN_HASH_FORMAT");
    expect(importHash({ passwordHash: "$pbkdf2-sha256$x", hashingAlgorithm: "gatehouse" }).status).toBe("UNKNOWN_HASH_FORMAT");
    for (const bad of [
      "",
      "plain",
      "$argon2id$garbage",
      "$scrypt-kdf$n=3,r=16,p=1$s$00",
      "$scrypt-kdf$n=1073741824,r=16,p=1$s$00",
      "$firebase-scrypt$r=8,m=40$$AA==$AA==$AA==",
    ])
      expect(await verifyStoredHash(bad, "plain")).toBe(false);
  });
});
