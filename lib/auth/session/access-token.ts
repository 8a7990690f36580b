import { GatehouseError } from "../errors";
import type { AccessTokenCap } from "./access-token-cap";
import type { SigningKeyRing } from "./signing-keys";
import { deepFreeze } from "./verified-token-cache";
import type { AccessTokenClaims } from "./access-token-claims";
import { decodeClaims, parseCompactToken, rememberSignedHeader, signCompact, signatureIsValid, type CompactToken } from "./jws-compact";
import type { VerifyKeyLookup } from "./prepared-keys";

export type { AccessTokenClaims };

export type VerifyAccessTokenResult =
  | { status: "OK"; claims: AccessTokenClaims }
  | { status: "EXPIRED" }
  /** Signed by a key this deployment no longer (or not yet) trusts: a refresh replaces it. */
  | { status: "UNKNOWN_KEY" }
  /**
   * Signed by our key for our issuer, but not for this audience (`aud` missing: minted before the
   * audience was pinned; or another value: the audience was reconfigured). Never accepted; a
   * refresh replaces it, so an upgrade or an audience change signs nobody out.
   */
  | { status: "OTHER_AUDIENCE" }
  | { status: "INVALID" };

export async function mintAccessToken(input: {
  keyRing: SigningKeyRing;
  now: Date;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  userId: string;
  sessionHandle: string;
  payload: Record<string, unknown>;
  /** The latest `exp` (unix seconds) the token may carry; see issueAccessToken's `notAfter`. */
  notAfter?: number;
  /** The longest token this mint may issue (access-token-cap.ts). */
  cap?: AccessTokenCap;
}): Promise<{ token: string; claims: AccessTokenClaims }> {
  const signing = await input.keyRing.getSigningKey(input.now);
  const iat = Math.floor(input.now.getTime() / 1000);
  const claims: AccessTokenClaims = {
    ...input.payload,
    sub: input.userId,
    sessionHandle: input.sessionHandle,
    iat,
    exp: input.notAfter === undefined ? iat + input.ttlSeconds : Math.min(iat + input.ttlSeconds, input.notAfter),
    iss: input.issuer,
    aud: input.audience,
  };
  // Signed with the key object prepared once per key, without WebCrypto's key checks and
  // copies: the same bytes as jose's SignJWT would write (both schemes are deterministic).
  const token = await signCompact({ alg: signing.algorithm, kid: signing.kid, typ: "JWT" }, claims, signing.keyObject);
  // Every check refuses a longer token (as UNAUTHORISED), and a browser drops a cookie too long
  // for it: handed out, either signed the user out at their next request, with nothing in the
  // log. A 500 naming the cap instead.
  const { cap } = input;
  if (cap !== undefined && token.length > cap.bytes) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `an access token of ${token.length} bytes is over ${cap.named} (${cap.bytes}), ${cap.why}: make the payload smaller (setJwtPayload, the roles and permissions put in the token) ${cap.remedy}`,
    );
  }
  return { token, claims };
}

export interface VerifyAccessTokenInput {
  keyRing: SigningKeyRing;
  now: Date;
  issuer: string;
  audience: string;
  maxBytes: number;
  token: string;
}

/**
 * Verifies against the in-process key ring, synchronously on node:crypto whenever the ring knows
 * the token's key (jws-compact.ts); only an unknown kid or a key set due its re-read waits for
 * the store. The algorithm is pinned twice: to the allow-list (RS256, EdDSA) and to the key's own
 * algorithm in the key ring (no `alg: none`, no HS256-with-a-public-key confusion), the issuer
 * and the audience are pinned, and oversized tokens are refused before parsing.
 * Header-embedded keys (`jwk`, `jku`, `x5u`) are never consulted: keys come from the ring only.
 * Every verdict is the one jose's `jwtVerify` gave this code before (the differential test,
 * access-token-differential.test.ts, checks that on generated and mutated tokens).
 * A token verified before is answered from the ring's cache of verified tokens until its `exp`
 * (or its key's end, if sooner); verified-token-cache.ts gives the safety argument.
 */
export async function verifyAccessToken(input: VerifyAccessTokenInput): Promise<VerifyAccessTokenResult> {
  return verifyAccessTokenInMemory(input) ?? verifyAccessTokenWithStoredKey(input);
}

/**
 * The rest of verifyAccessToken when verifyAccessTokenInMemory had no verdict: the token's key
 * is read from the store (an unknown kid, or a key set due its re-read).
 */
export async function verifyAccessTokenWithStoredKey(input: VerifyAccessTokenInput): Promise<VerifyAccessTokenResult> {
  const token = parseCompactToken(input.token);
  if (!token) return { status: "INVALID" };
  // A kid the ring does not know while the store cannot be read throws STORE_FAILED (a database
  // outage): no verdict either way, so the caller answers 503 rather than signing anyone out.
  return checkWithKey(input, token, await input.keyRing.getVerifyKey(token.header.kid, token.alg, input.now));
}

/**
 * verifyAccessToken's verdict when it needs no I/O (the ring knows the token's key, or the token
 * is refused before any key is looked up), with no promise in between; undefined when the key
 * must first be read from the store, which only verifyAccessToken does.
 */
export function verifyAccessTokenInMemory(input: VerifyAccessTokenInput): VerifyAccessTokenResult | undefined {
  if (input.token.length === 0 || input.token.length > input.maxBytes) return { status: "INVALID" };
  // A cached verdict holds only for the same pins: one ring could serve two issuers or audiences.
  const pins = pinsOf(input);
  const cached = input.keyRing.isCurrent(input.now) ? input.keyRing.verifiedTokens.get(input.token, pins, input.now.getTime()) : undefined;
  if (cached) return { status: "OK", claims: cached };
  const token = parseCompactToken(input.token);
  if (!token) return { status: "INVALID" };
  const key = input.keyRing.knownVerifyKey(token.header.kid, token.alg, input.now);
  return key && checkWithKey(input, token, key, pins);
}

/**
 * The session an access token names, read without checking its signature or its expiry: for
 * pairing a cookie refresh with its access cookie (refresh-session.ts) only. That cookie is
 * `__Host-`, which nothing but this origin can set, and the refresh token beside it is what
 * proves the session; a signature check would also refuse tokens of keys retired since, and
 * sign out whoever comes back after a long absence. Null: not a token, or it names no session.
 */
export function sessionHandleNamedBy(token: string): string | null {
  const parsed = token.length <= MAX_UNCHECKED_TOKEN_LENGTH ? parseCompactToken(token) : null;
  const claims = parsed && decodeClaims(parsed);
  return claims && typeof claims.sessionHandle === "string" ? claims.sessionHandle : null;
}

/** Far above any size cap (session.maxAccessTokenBytes), so nobody makes a cookie's decode costly. */
const MAX_UNCHECKED_TOKEN_LENGTH = 64 * 1024;

const pinsOf = (input: VerifyAccessTokenInput) => `${input.issuer} ${input.audience}`;

function checkWithKey(input: VerifyAccessTokenInput, token: CompactToken, key: VerifyKeyLookup, pins = pinsOf(input)): VerifyAccessTokenResult {
  if (key.status !== "OK") return { status: key.status };
  // An unencoded payload is never a JWT, signed or not.
  if (!token.b64 || !key.usable || !signatureIsValid(token, key.keyObject)) return { status: "INVALID" };
  rememberSignedHeader(token);
  const claims = decodeClaims(token);
  if (!claims) return { status: "INVALID" };
  // The signature is checked before the claims, so an expired token here is an authentic one.
  const nowMs = input.now.getTime();
  const timing = checkRegisteredClaims(token, claims, input.issuer, Math.floor(nowMs / 1000));
  if (timing !== "OK") return { status: timing };
  if (typeof claims.sub !== "string" || typeof claims.sessionHandle !== "string" || typeof claims.exp !== "number") {
    return { status: "INVALID" };
  }
  // Last: only a token that is ours in every other respect (signature, issuer, exp) earns
  // "refresh"; anything else stays INVALID. A string, compared exactly: we never mint an array.
  if (claims.aud !== input.audience) return { status: "OTHER_AUDIENCE" };
  const verified = deepFreeze(claims as AccessTokenClaims);
  input.keyRing.verifiedTokens.set(input.token, pins, verified, Math.min(verified.exp * 1000, key.verifyUntil), nowMs);
  return { status: "OK", claims: verified };
}

/**
 * jose's claim checks with the options Gatehouse gave it (`typ: "JWT"`, `issuer`, clock
 * tolerance 0, no `maxTokenAge`), in its order: `typ` (compared as a media type, so `jwt` and
 * `application/jwt` pass too), `iss` present and exact, then `iat`, `nbf` and `exp` each a
 * number when present, `nbf` not in the future and `exp` in the future.
 */
function checkRegisteredClaims(token: CompactToken, claims: Record<string, unknown>, issuer: string, now: number): "OK" | "EXPIRED" | "INVALID" {
  if (!token.typIsJwt) return "INVALID";
  if (!Object.hasOwn(claims, "iss") || claims.iss !== issuer) return "INVALID";
  const { iat, nbf, exp } = claims;
  if (iat !== undefined && typeof iat !== "number") return "INVALID";
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now)) return "INVALID";
  if (exp !== undefined && typeof exp !== "number") return "INVALID";
  if (typeof exp === "number" && exp <= now) return "EXPIRED";
  return "OK";
}
