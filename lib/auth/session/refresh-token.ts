import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Refresh tokens are opaque to the client: `v1.<sessionHandle>.<nonce>.<tag>`.
 *
 * - nonce: 256 bits, from the CSPRNG for a new session, or HMAC(chainKey, parent) for a
 *   rotation. The derivation is deterministic so that the immediate parent, presented again
 *   inside the grace window (parallel tabs, a lost response), yields the very same child.
 * - tag: HMAC(tagKey, handle.nonce). Only tokens we issued carry a valid tag, so a forged token
 *   naming someone's session handle is refused outright and cannot trigger theft detection
 *   (which would let anyone who knows a handle log its owner out).
 * - Only sha256(token) is stored.
 */
const PREFIX = "v1";
const TAG_BYTES = 16;
const HANDLE_PATTERN = /^[0-9a-f-]{36}$/;
const B64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface RefreshTokenKeys {
  refreshTag: Buffer;
  refreshChain: Buffer;
}

function tagFor(keys: RefreshTokenKeys, handle: string, nonce: string): string {
  return createHmac("sha256", keys.refreshTag).update(`${handle}.${nonce}`).digest().subarray(0, TAG_BYTES).toString("base64url");
}

function assemble(keys: RefreshTokenKeys, handle: string, nonce: string): string {
  return `${PREFIX}.${handle}.${nonce}.${tagFor(keys, handle, nonce)}`;
}

export function createRefreshToken(keys: RefreshTokenKeys, sessionHandle: string): string {
  return assemble(keys, sessionHandle, randomBytes(32).toString("base64url"));
}

export function deriveChildRefreshToken(keys: RefreshTokenKeys, sessionHandle: string, parent: string): string {
  const nonce = createHmac("sha256", keys.refreshChain).update(parent).digest().toString("base64url");
  return assemble(keys, sessionHandle, nonce);
}

/** The session handle of an authentic token, or null for anything we did not issue. */
export function parseRefreshToken(keys: RefreshTokenKeys, token: string): { sessionHandle: string } | null {
  if (token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const [, handle, nonce, tag] = parts;
  if (!HANDLE_PATTERN.test(handle) || !B64URL_PATTERN.test(nonce) || !B64URL_PATTERN.test(tag)) return null;
  const expected = Buffer.from(tagFor(keys, handle, nonce));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { sessionHandle: handle };
}

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
