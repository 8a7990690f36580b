/**
 * The secrets of a passwordless sign-in and the only forms in which they are stored.
 *
 * - The device id (256 bits) stays in the browser that started the sign-in. Its sha256 is the
 *   `preAuthSessionId`, which is public: it travels in the magic link. Typing a code therefore
 *   needs the device id, so a code read over someone's shoulder is useless on another device.
 * - The typed code has only ~20 bits, so a plain hash of it could be reversed by trying every
 *   code. It is stored as an HMAC under a key derived from the app secret, bound to the device:
 *   a copied table gives neither the code nor a way to test guesses offline.
 * - The link code (256 bits) needs no key: only its sha256 is stored.
 * - Both the device id and the link code are hashed with the tenant they were issued under
 *   (organizations/tenant-binding.ts): a sign-in started on one tenant cannot finish on another.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { tenantBoundSecret } from "../organizations/tenant-binding";

/** Anything longer was not issued by us; refused before hashing. */
export const MAX_SECRET_LENGTH = 128;

export function createDeviceId(): string {
  return randomBytes(32).toString("base64url");
}

export function createLinkCode(): string {
  return randomBytes(32).toString("base64url");
}

/** `digits` decimal digits, uniformly from the CSPRNG (leading zeros kept). */
export function createUserInputCode(digits: number): string {
  let code = "";
  for (let i = 0; i < digits; i++) code += String(randomInt(10));
  return code;
}

// Hex, not base64url: MySQL's default collation compares case-insensitively.
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** `tenantId`: the tenant the sign-in was started under; absent for the public tenant. */
export function preAuthSessionIdOf(deviceId: string, tenantId?: string): string {
  return sha256(tenantBoundSecret(tenantId, deviceId));
}

export function hashLinkCode(linkCode: string, tenantId?: string): string {
  return sha256(tenantBoundSecret(tenantId, linkCode));
}

export function hashUserInputCode(key: Buffer, preAuthSessionId: string, userInputCode: string): string {
  return createHmac("sha256", key).update(`${preAuthSessionId}\n${userInputCode}`).digest("hex");
}

/** Constant-time equality of two hashes of the same kind. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a user may type: digits, with spaces or dashes they copied along. */
export function normaliseUserInputCode(input: string): string {
  return input.replace(/[\s-]/g, "");
}
