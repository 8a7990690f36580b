/**
 * Reads one cookie from a Cookie header. Values we set are base64url/JWT, never quoted.
 *
 * A name sent twice reads as absent (cookie tossing): a sibling sub-domain, or an http page of
 * this host, can set a cookie of the same name on the parent domain, and the browser then sends
 * both in an order the server cannot trust. Which one is ours is unknowable, so neither is used;
 * `duplicatedCookieNames` lets the answer say why and clear them.
 */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  let found: string | null = null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    if (found !== null) return null;
    found = part.slice(eq + 1).trim();
  }
  return found;
}

/** Which of `names` the Cookie header carries more than once. */
export function duplicatedCookieNames(header: string | null, names: readonly string[]): string[] {
  if (!header) return [];
  const counts = new Map<string, number>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return names.filter((name) => (counts.get(name) ?? 0) > 1);
}

export interface CookieAttributes {
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: "lax" | "strict" | "none";
  domain?: string;
  /** Absolute expiry; a date in the past deletes the cookie. */
  expires: Date;
}

export function serializeCookie(name: string, value: string, attrs: CookieAttributes): string {
  const parts = [`${name}=${value}`, `Path=${attrs.path}`, `Expires=${attrs.expires.toUTCString()}`];
  if (attrs.domain) parts.push(`Domain=${attrs.domain}`);
  if (attrs.httpOnly) parts.push("HttpOnly");
  if (attrs.secure) parts.push("Secure");
  parts.push(`SameSite=${attrs.sameSite[0].toUpperCase()}${attrs.sameSite.slice(1)}`);
  return parts.join("; ");
}
