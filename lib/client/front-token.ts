/**
 * The FDI front token: base64 of UTF-8 JSON `{uid, ate, up}` (user id, access-token expiry in
 * ms since the epoch, access-token payload). The server sends it in the `front-token` header
 * because the access token itself is HttpOnly.
 */
export interface FrontTokenInfo {
  uid: string;
  /** Access-token expiry, ms since the epoch. */
  ate: number;
  /** The access-token payload the deployer's `setJwtPayload` produced. */
  up: Record<string, unknown>;
}

/** Larger than any real token; a cap keeps a hostile cookie from costing a big decode. */
const MAX_LENGTH = 16 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** True when `value` is plain base64: the only shape that is safe to write into a cookie. */
export function isFrontTokenShaped(value: string): boolean {
  return value.length > 0 && value.length <= MAX_LENGTH && BASE64.test(value);
}

/**
 * Decodes a stored front token. Anything malformed (bad base64, bad UTF-8, not JSON, wrong
 * field types) yields null, i.e. "no session": a garbage cookie must not crash the page or
 * pass for a signed-in user.
 */
export function parseFrontToken(value: string | null | undefined): FrontTokenInfo | null {
  if (typeof value !== "string" || !isFrontTokenShaped(value)) return null;
  let decoded: unknown;
  try {
    const binary = atob(value);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    decoded = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) return null;
  const { uid, ate, up } = decoded as Record<string, unknown>;
  if (typeof uid !== "string" || uid === "") return null;
  if (typeof ate !== "number" || !Number.isFinite(ate)) return null;
  if (typeof up !== "object" || up === null || Array.isArray(up)) return null;
  return { uid, ate, up: up as Record<string, unknown> };
}
