import { randomBytes } from "node:crypto";
import { queueHashing } from "../hashing-queue";
import { verifyStoredHash } from "../imported-hashes/verify-stored-hash";

/** OWASP's argon2id recommendation: m=19 MiB, t=2, p=1 (imported-hashes/stored-hash-format.ts names the prefix it gives). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// @node-rs/argon2's Algorithm.Argon2id; a const enum, so spelled out for isolatedModules.
const ARGON2ID = 2;

// The native binding loads on first use, not at start-up: serverless cold starts that only
// verify sessions never pay for it.
async function argon2() {
  return import("@node-rs/argon2");
}

/**
 * A password is hashed in Unicode NFC (NIST SP 800-63B, 5.1.1.2): "é" typed precomposed on one
 * device and pasted decomposed ("e" + U+0301) on another is one password, not a wrong one.
 */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return queueHashing(() => hash(password.normalize("NFC"), { ...ARGON2_OPTIONS, algorithm: ARGON2ID }));
}

/**
 * Gatehouse's argon2id, or a hash an import kept (bcrypt, argon2, scrypt): see imported-hashes/.
 * Tried in NFC, then, only for a password not already in NFC, as typed: a hash made before
 * passwords were normalised (or by the system an import came from) holds the form typed then.
 * The second try depends on the password alone, never on the account, so it tells nothing.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const normalised = password.normalize("NFC");
  if (await verifyStoredHash(passwordHash, normalised)) return true;
  return normalised !== password && verifyStoredHash(passwordHash, password);
}

let dummyHash: Promise<string> | null = null;

/**
 * Runs one full verification against a throwaway hash, so that a sign-in for an unknown email
 * costs the same time as one for a known email (account enumeration through timing).
 */
export async function burnPasswordVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
}
