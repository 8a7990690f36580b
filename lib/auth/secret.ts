import { hkdfSync } from "node:crypto";
import { GatehouseError } from "./errors";

/** Independent keys derived from the one app secret, so that no key serves two purposes. */
export interface DerivedKeys {
  /** Authenticates refresh tokens, so a forged one is refused before any database work. */
  refreshTag: Buffer;
  /** Derives a child refresh token from its parent (retries yield the same child). */
  refreshChain: Buffer;
  /** Derives the per-session anti-CSRF token in VIA_TOKEN mode. */
  antiCsrf: Buffer;
  /** Password that seals signing keys at rest (iron-session wants ≥ 32 characters). */
  sealPassword: string;
  /** Authenticates each signing-key row, so a row written by anyone else is never used. */
  signingKeyMac: Buffer;
  /** Keys the hash of passwordless codes, so a copied code table cannot be searched offline. */
  passwordlessCode: Buffer;
  /** Password that seals TOTP secrets at rest (lib/auth/totp/totp-secret.ts). */
  totpSecretSeal: string;
  /** Password that seals tenants' own OAuth client secrets at rest (lib/auth/thirdparty/tenant-client-secret.ts). */
  tenantClientSecretSeal: string;
}

export const MIN_SECRET_BYTES = 32;

export function checkSecret(secret: string | undefined): string {
  if (!secret) {
    throw new GatehouseError(
      "SECRET_MISSING",
      "GATEHOUSE_SECRET is not set. Generate one with `openssl rand -hex 32` and set it in the environment.",
    );
  }
  if (Buffer.byteLength(secret, "utf8") < MIN_SECRET_BYTES) {
    throw new GatehouseError(
      "SECRET_MISSING",
      `GATEHOUSE_SECRET must be at least ${MIN_SECRET_BYTES} bytes long (it is ${Buffer.byteLength(secret, "utf8")}).`,
    );
  }
  return secret;
}

/** Fewer different characters than this in a secret is no random secret (64 random hex digits use about 16). */
const MIN_DISTINCT_CHARACTERS = 10;

/**
 * Why a secret that is long enough still looks guessable, or null: a short piece repeated
 * ("abcd" × 16), or only a few different characters. A heuristic for `gatehouse doctor`, which
 * warns: anyone holding a refresh token can test guesses of the secret offline against its tag.
 */
export function secretWeakness(secret: string): string | null {
  const characters = [...secret];
  for (let period = 1; period <= characters.length / 2; period++) {
    if (characters.every((character, i) => character === characters[i % period])) {
      return `it is ${period === 1 ? "one character" : `${period} characters`} repeated`;
    }
  }
  const distinct = new Set(characters).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) return `it uses only ${distinct} different characters`;
  return null;
}

function derive(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "gatehouse", label, 32));
}

export function deriveKeys(secret: string): DerivedKeys {
  checkSecret(secret);
  return {
    refreshTag: derive(secret, "refresh-token-tag"),
    refreshChain: derive(secret, "refresh-token-chain"),
    antiCsrf: derive(secret, "anti-csrf"),
    sealPassword: derive(secret, "signing-key-seal").toString("hex"),
    signingKeyMac: derive(secret, "signing-key-mac"),
    passwordlessCode: derive(secret, "passwordless-code"),
    totpSecretSeal: derive(secret, "totp-secret-seal").toString("hex"),
    tenantClientSecretSeal: derive(secret, "tenant-client-secret-seal").toString("hex"),
  };
}
