/**
 * The signing ring's keys as it holds them in memory, each prepared once when loaded: a
 * WebCrypto key for jose (which publishes the JWKS and which callers and tests may still use)
 * and a node:crypto key object for access-token.ts, which signs and verifies with it
 * (jws-compact.ts; verification synchronously).
 */
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { importJWK, importPKCS8, type CryptoKey, type JWK } from "jose";

export type SigningAlgorithm = "RS256" | "EdDSA";

/** What the ring knows of a token's key: usable, unknown or retired (refresh recovers), or unusable. */
export type VerifyKeyLookup =
  { status: "OK"; key: CryptoKey; keyObject: KeyObject; usable: boolean; verifyUntil: number } | { status: "UNKNOWN_KEY" } | { status: "INVALID" };

export interface VerifyKey {
  algorithm: SigningAlgorithm;
  key: CryptoKey;
  /** The same public key for node:crypto. */
  keyObject: KeyObject;
  /**
   * False for a key jose would refuse to verify with (an RSA modulus under 2048 bits, or a key
   * that is not a public one): every token under it is refused, as jose refused it.
   */
  usable: boolean;
  verifyUntil: number;
}

export interface SigningKey {
  kid: string;
  algorithm: SigningAlgorithm;
  key: CryptoKey;
  /** The same private key for node:crypto. */
  keyObject: KeyObject;
  signUntil: number;
}

/** A verification key from its row's public JWK; what was prepared before is kept. */
export async function prepareVerifyKey(
  row: { algorithm: SigningAlgorithm; publicJwk: unknown; verifyUntil: Date },
  existing: VerifyKey | undefined,
): Promise<VerifyKey> {
  const key = existing?.key ?? ((await importJWK(row.publicJwk as JWK, row.algorithm)) as CryptoKey);
  return {
    algorithm: row.algorithm,
    key,
    keyObject: existing?.keyObject ?? createPublicKey({ key: row.publicJwk as JsonWebKey, format: "jwk" }),
    usable: existing?.usable ?? usableForVerifying(key, row.algorithm),
    verifyUntil: row.verifyUntil.getTime(),
  };
}

/** A signing key from its unsealed PKCS#8 PEM. */
export async function prepareSigningKey(kid: string, algorithm: SigningAlgorithm, pem: string, signUntil: Date): Promise<SigningKey> {
  return { kid, algorithm, key: (await importPKCS8(pem, algorithm)) as CryptoKey, keyObject: createPrivateKey(pem), signUntil: signUntil.getTime() };
}

/** The key's own algorithm is pinned: a token cannot pick how it is checked. */
export function pinnedKey(entry: VerifyKey, alg: unknown): VerifyKeyLookup {
  if (entry.algorithm !== alg) return { status: "INVALID" };
  return { status: "OK", key: entry.key, keyObject: entry.keyObject, usable: entry.usable, verifyUntil: entry.verifyUntil };
}

/** What jose checks of a verification key before using it (its checkModulusLength and key type). */
function usableForVerifying(key: CryptoKey, algorithm: SigningAlgorithm): boolean {
  if (key.type !== "public") return false;
  if (algorithm !== "RS256") return true;
  const { modulusLength } = key.algorithm as { modulusLength?: unknown };
  return typeof modulusLength === "number" && modulusLength >= 2048;
}
