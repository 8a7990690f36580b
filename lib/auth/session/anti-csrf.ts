import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * VIA_TOKEN anti-CSRF: a per-session value the client echoes in the `anti-csrf` header. It is
 * derived from the session handle, so nothing extra is stored. The clients keep it in a
 * script-readable cookie (`sAntiCsrf`, as supertokens-web-js does): a cross-site page can
 * neither read that cookie nor set a custom header on a cross-site request, and the server
 * never takes the value from a cookie, only from the header.
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
