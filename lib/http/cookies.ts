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
  // Scanned in place rather than split: read on every request, and most cookies are not ours.
  for (let start = 0; start < header.length;) {
    const semicolon = header.indexOf(";", start);
    const end = semicolon === -1 ? header.length : semicolon;
    const eq = header.indexOf("=", start);
    if (eq !== -1 && eq < end && header.slice(start, eq).trim() === name) {
      if (found !== null) return null;
      found = header.slice(eq + 1, end).trim();
    }
    start = end + 1;
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
  /** Absolute expiry, for clients that know no Max-Age; a date in the past deletes the cookie. */
  expires: Date;
  /**
   * The lifetime from the cookie's arrival, which browsers prefer to `expires`: a date is judged
   * by the browser's clock, so one running fast dropped a short-lived cookie on arrival. 0 deletes.
   */
  maxAgeSeconds: number;
}

/** The lifetime attributes of a cookie set at `now` for `seconds`. */
export function lifetime(now: Date, seconds: number): Pick<CookieAttributes, "expires" | "maxAgeSeconds"> {
  return { expires: new Date(now.getTime() + seconds * 1000), maxAgeSeconds: seconds };
}

/** The lifetime attributes that delete a cookie. */
export const EXPIRED: Pick<CookieAttributes, "expires" | "maxAgeSeconds"> = { expires: new Date(0), maxAgeSeconds: 0 };

export function serializeCookie(name: string, value: string, attrs: CookieAttributes): string {
  const maxAge = Math.max(0, Math.floor(attrs.maxAgeSeconds));
  const parts = [`${name}=${value}`, `Path=${attrs.path}`, `Expires=${attrs.expires.toUTCString()}`, `Max-Age=${maxAge}`];
  if (attrs.domain) parts.push(`Domain=${attrs.domain}`);
  if (attrs.httpOnly) parts.push("HttpOnly");
  if (attrs.secure) parts.push("Secure");
  parts.push(`SameSite=${attrs.sameSite[0].toUpperCase()}${attrs.sameSite.slice(1)}`);
  return parts.join("; ");
}
