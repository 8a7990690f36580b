/**
 * The compact JWS steps of access-token verification and signing, on node:crypto with key
 * objects prepared once per key (prepared-keys.ts). Verification is synchronous: no WebCrypto
 * job per signature. Each check is jose 6's `jwtVerify` as Gatehouse called it (its lib/jws_verify.js and
 * lib/jwt_claims_set.js), in jose's order where the order decides the answer; the differential
 * test (access-token-differential.test.ts) holds the two to the same verdict on every token.
 */
import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from "node:crypto";
import type { SigningAlgorithm } from "./prepared-keys";
import { decodeSegment } from "./jws-base64url";
import { deepFreeze } from "./verified-token-cache";

export interface CompactToken {
  /** `header.payload`, the signed bytes (ASCII, checked). */
  signingInput: string;
  headerSegment: string;
  payloadSegment: string;
  signatureSegment: string;
  header: Record<string, unknown>;
  alg: SigningAlgorithm;
  /** False for an unencoded payload (RFC 7797, `b64: false` made critical): never a JWT. */
  b64: boolean;
  /**
   * `typ` names a JWT as jose compares it (a media type, lower-cased, `application/` added when
   * no `/` is given: `JWT`, `jwt`, `application/jwt`). Worked out with the header's parse, and
   * checked with the claims, in jose's order.
   */
  typIsJwt: boolean;
}

/** jose decodes JSON text strictly: invalid UTF-8 is refused, not replaced (a BOM is skipped). */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const ASCII = /^[\x00-\x7f]*$/;
/** jose's only recognised critical header extension. */
const RECOGNISED_CRITICAL = "b64";

type ParsedHeader = Pick<CompactToken, "header" | "alg" | "b64" | "typIsJwt">;

/**
 * Headers of tokens whose signature checked, by their exact segment text. Parsing is a pure
 * function of that text, so a hit is the same parse (a JSON parse and the `crit` and `alg`
 * checks: about a microsecond of first-sight verification). Every token a key signs carries
 * the same header, so a handful of entries serves a deployment; only signed headers get in
 * (rememberSignedHeader), so nobody can fill it with garbage, and it starts over when full.
 */
const signedHeaders = new Map<string, Readonly<ParsedHeader>>();
const SIGNED_HEADERS_MAX = 32;
const SIGNED_HEADER_MAX_LENGTH = 512;

/**
 * Splits the token and checks its protected header, all before any key is looked up (jose's
 * order: an unknown kid on a token that fails here is INVALID, not UNKNOWN_KEY). Null: refused.
 * Embedded keys (`jwk`, `jku`, `x5u`, `x5c`) are never read; the key comes from the ring only.
 */
export function parseCompactToken(token: string): CompactToken | null {
  const first = token.indexOf(".");
  const second = token.indexOf(".", first + 1);
  if (first < 0 || second < 0 || token.indexOf(".", second + 1) >= 0) return null;
  const headerSegment = token.slice(0, first);
  const payloadSegment = token.slice(first + 1, second);
  const parsed = signedHeaders.get(headerSegment) ?? parseHeader(headerSegment);
  if (!parsed) return null;
  // An unencoded payload is signed as its own text, which must be ASCII in a compact JWS.
  if (!parsed.b64 && !ASCII.test(payloadSegment)) return null;
  return { signingInput: token.slice(0, second), headerSegment, payloadSegment, signatureSegment: token.slice(second + 1), ...parsed };
}

function parseHeader(headerSegment: string): ParsedHeader | null {
  const header = parseJsonObject(decodeSegment(headerSegment));
  if (!header) return null;
  const b64 = criticalB64(header);
  if (b64 === null) return null;
  const { alg } = header;
  if (alg !== "RS256" && alg !== "EdDSA") return null;
  const { typ } = header;
  return { header, alg, b64, typIsJwt: typeof typ === "string" && mediaType(typ) === "application/jwt" };
}

/** `typ` as jose compares it: lower-cased, with `application/` added when no `/` is given. */
function mediaType(typ: string): string {
  const lower = typ.toLowerCase();
  return typ.includes("/") ? lower : `application/${lower}`;
}

/** Called once a token's signature has checked: its header's parse is kept (see signedHeaders). */
export function rememberSignedHeader(token: CompactToken): void {
  if (signedHeaders.has(token.headerSegment) || token.headerSegment.length > SIGNED_HEADER_MAX_LENGTH) return;
  if (signedHeaders.size >= SIGNED_HEADERS_MAX) signedHeaders.clear();
  // Shared by every later token with this header: frozen, as the verified claims are.
  deepFreeze(token.header);
  signedHeaders.set(token.headerSegment, Object.freeze({ header: token.header, alg: token.alg, b64: token.b64, typIsJwt: token.typIsJwt }));
}

/**
 * jose's `crit` rules: absent, or a non-empty array of non-empty strings each of which it
 * recognises (only `b64`) and which the header carries; then `b64` must be a boolean.
 * Returns the payload's encoding (true: base64url), or null when refused.
 */
function criticalB64(header: Record<string, unknown>): boolean | null {
  if (!Object.hasOwn(header, "crit")) return true;
  const { crit } = header;
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((name) => typeof name !== "string" || name.length === 0)) return null;
  for (const name of crit) {
    if (name !== RECOGNISED_CRITICAL) return null;
    if (!Object.hasOwn(header, name) || header[name] === undefined) return null;
  }
  return typeof header.b64 === "boolean" ? header.b64 : null;
}

/** One signature check with the key's prepared object; a malformed signature is a failed one. */
export function signatureIsValid(token: CompactToken, key: KeyObject): boolean {
  const signature = decodeSegment(token.signatureSegment);
  if (!signature) return false;
  try {
    return cryptoVerify(digestOf(token.alg), Buffer.from(token.signingInput, "latin1"), key, signature);
  } catch {
    return false;
  }
}

/** The claims of a token whose signature checked: a JSON object, or null. */
export function decodeClaims(token: CompactToken): Record<string, unknown> | null {
  return parseJsonObject(decodeSegment(token.payloadSegment));
}

/**
 * Signs `claims` as a compact JWS with the header jose's SignJWT writes for the same input, with
 * the key's prepared object. An RSA signature (about 0.5 ms of arithmetic) runs on libuv's
 * thread pool, as WebCrypto ran it, so the event loop serves other requests meanwhile; an
 * Ed25519 one is cheaper than the hand-off and runs in place.
 */
export async function signCompact(
  header: { alg: SigningAlgorithm; kid: string; typ: "JWT" },
  claims: Record<string, unknown>,
  key: KeyObject,
): Promise<string> {
  // As SignJWT does: JSON would write a non-finite time as null, which no verifier accepts.
  for (const name of ["iat", "nbf", "exp"]) {
    const value = claims[name];
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`"${name}" claim must be a finite number`);
  }
  const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
  const data = Buffer.from(signingInput, "latin1");
  const signature =
    header.alg === "RS256"
      ? await new Promise<Buffer>((resolve, reject) => cryptoSign("sha256", data, key, (error, bytes) => (error ? reject(error) : resolve(bytes))))
      : cryptoSign(null, data, key);
  return `${signingInput}.${signature.toString("base64url")}`;
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

function digestOf(alg: SigningAlgorithm): string | null {
  // RSASSA-PKCS1-v1_5 with SHA-256 (node's default RSA padding); Ed25519 hashes internally.
  return alg === "RS256" ? "sha256" : null;
}

function parseJsonObject(bytes: Buffer | null): Record<string, unknown> | null {
  if (!bytes) return null;
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return null;
  }
  // JSON.parse makes plain objects only, so this is jose's isObject for its output.
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
