import { randomBytes } from "node:crypto";
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

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, { ...ARGON2_OPTIONS, algorithm: ARGON2ID });
}

/** Gatehouse's argon2id, or a hash an import kept (bcrypt, argon2, scrypt): see imported-hashes/. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verifyStoredHash(passwordHash, password);
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
