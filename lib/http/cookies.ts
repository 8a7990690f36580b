/** Reads one cookie from a Cookie header. Values we set are base64url/JWT, never quoted. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
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
