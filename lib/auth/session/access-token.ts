import { SignJWT, jwtVerify, errors, type JWTPayload } from "jose";
import { isGatehouseError } from "../errors";
import type { SigningKeyRing } from "./signing-keys";
import { deepFreeze } from "./verified-token-cache";
import type { AccessTokenClaims } from "./access-token-claims";

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

const ALGORITHMS = ["RS256", "EdDSA"];

export async function mintAccessToken(input: {
  keyRing: SigningKeyRing;
  now: Date;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  userId: string;
  sessionHandle: string;
  payload: Record<string, unknown>;
}): Promise<{ token: string; claims: AccessTokenClaims }> {
  const signing = await input.keyRing.getSigningKey(input.now);
  const iat = Math.floor(input.now.getTime() / 1000);
  const claims: AccessTokenClaims = {
    ...input.payload,
    sub: input.userId,
    sessionHandle: input.sessionHandle,
    iat,
    exp: iat + input.ttlSeconds,
    iss: input.issuer,
    aud: input.audience,
  };
  const token = await new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg: signing.algorithm, kid: signing.kid, typ: "JWT" })
    .sign(signing.key);
  return { token, claims };
}

/**
 * Verifies against the in-process key cache. The algorithm is pinned twice: to the allow-list
 * here and to the key's own algorithm in the key ring (no `alg: none`, no HS256-with-a-public-
 * key confusion), the issuer and the audience are pinned, and oversized tokens are refused
 * before parsing.
 * Header-embedded keys (`jwk`, `jku`, `x5u`) are never consulted: keys come from the ring only.
 * A token verified before is answered from the ring's cache of verified tokens until its `exp`
 * (or its key's end, if sooner); verified-token-cache.ts gives the safety argument.
 */
export async function verifyAccessToken(input: {
  keyRing: SigningKeyRing;
  now: Date;
  issuer: string;
  audience: string;
  maxBytes: number;
  token: string;
}): Promise<VerifyAccessTokenResult> {
  if (input.token.length === 0 || input.token.length > input.maxBytes) return { status: "INVALID" };
  const nowMs = input.now.getTime();
  const cache = input.keyRing.verifiedTokens;
  // A cached verdict holds only for the same pins: one ring could serve two issuers or audiences.
  const pins = `${input.issuer} ${input.audience}`;
  const cached = input.keyRing.isCurrent(input.now) ? cache.get(input.token, pins, nowMs) : undefined;
  if (cached) return { status: "OK", claims: cached };
  let unknownKey = false;
  let keyVerifyUntil = 0;
  try {
    const { payload } = await jwtVerify(
      input.token,
      async (header) => {
        const lookup = await input.keyRing.getVerifyKey(header.kid, header.alg, input.now);
        if (lookup.status === "OK") {
          keyVerifyUntil = lookup.verifyUntil;
          return lookup.key;
        }
        unknownKey = lookup.status === "UNKNOWN_KEY" && ALGORITHMS.includes(String(header.alg));
        throw new errors.JWKSNoMatchingKey();
      },
      { algorithms: ALGORITHMS, issuer: input.issuer, currentDate: input.now, typ: "JWT", clockTolerance: 0 },
    );
    if (typeof payload.sub !== "string" || typeof payload.sessionHandle !== "string" || typeof payload.exp !== "number") {
      return { status: "INVALID" };
    }
    // Checked here rather than by jose's `audience` option, whose presence check of `aud` runs
    // before its issuer comparison: only a token that is ours in every other respect (signature,
    // issuer, exp) earns "refresh"; anything else stays INVALID. A string, compared exactly:
    // we never mint an array.
    if (payload.aud !== input.audience) return { status: "OTHER_AUDIENCE" };
    const claims = deepFreeze(payload as AccessTokenClaims);
    cache.set(input.token, pins, claims, Math.min(claims.exp * 1000, keyVerifyUntil), nowMs);
    return { status: "OK", claims };
  } catch (error) {
    // The key ring could not read the store for a kid it does not know (a database outage):
    // no verdict either way, so the caller answers 503 rather than signing anyone out.
    if (isGatehouseError(error)) throw error;
    // jose checks the signature before the claims, so an expired token here is an authentic one.
    if (error instanceof errors.JWTExpired) return { status: "EXPIRED" };
    if (unknownKey) return { status: "UNKNOWN_KEY" };
    return { status: "INVALID" };
  }
}
