/**
 * Test-only: access-token verification as it was done with jose's `jwtVerify` (WebCrypto),
 * kept as the reference that access-token.ts must agree with, verdict for verdict
 * (access-token-differential.test.ts). The verified-token cache is left out: the test compares
 * first-sight verdicts, and a cache hit can only repeat an "OK" the full path gave.
 */
import { errors, jwtVerify } from "jose";
import { isGatehouseError } from "../errors";
import type { VerifyAccessTokenInput, VerifyAccessTokenResult } from "../session/access-token";

const ALGORITHMS = ["RS256", "EdDSA"];

export async function verifyAccessTokenWithJose(input: VerifyAccessTokenInput): Promise<VerifyAccessTokenResult> {
  if (input.token.length === 0 || input.token.length > input.maxBytes) return { status: "INVALID" };
  let unknownKey = false;
  try {
    const { payload } = await jwtVerify(
      input.token,
      async (header) => {
        const lookup = await input.keyRing.getVerifyKey(header.kid, header.alg, input.now);
        if (lookup.status === "OK") return lookup.key;
        unknownKey = lookup.status === "UNKNOWN_KEY" && ALGORITHMS.includes(String(header.alg));
        throw new errors.JWKSNoMatchingKey();
      },
      { algorithms: ALGORITHMS, issuer: input.issuer, currentDate: input.now, typ: "JWT", clockTolerance: 0 },
    );
    if (typeof payload.sub !== "string" || typeof payload.sessionHandle !== "string" || typeof payload.exp !== "number") {
      return { status: "INVALID" };
    }
    if (payload.aud !== input.audience) return { status: "OTHER_AUDIENCE" };
    return { status: "OK", claims: payload as never };
  } catch (error) {
    if (isGatehouseError(error)) throw error;
    if (error instanceof errors.JWTExpired) return { status: "EXPIRED" };
    if (unknownKey) return { status: "UNKNOWN_KEY" };
    return { status: "INVALID" };
  }
}
