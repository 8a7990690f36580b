import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * VIA_TOKEN anti-CSRF: a per-session value the client keeps in JS memory and echoes in the
 * `anti-csrf` header. It is derived from the session handle, so nothing extra is stored, and a
 * cross-site attacker cannot read it (it never sits in a cookie).
 */
export function antiCsrfTokenFor(key: Buffer, sessionHandle: string): string {
  return createHmac("sha256", key).update(sessionHandle).digest().subarray(0, 24).toString("base64url");
}

export function isValidAntiCsrfToken(key: Buffer, sessionHandle: string, given: string | null): boolean {
  if (!given) return false;
  const expected = Buffer.from(antiCsrfTokenFor(key, sessionHandle));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
