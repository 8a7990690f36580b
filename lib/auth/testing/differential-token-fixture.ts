/**
 * Test-only: the keys and signers of the access-token differential test
 * (session/access-token-differential.test.ts). The fixture holds a ring with an RS256 and an
 * EdDSA key, another deployment's key, keys no ring holds, and the RS256 public key as an HMAC
 * secret (the algorithm-confusion attack); signatureOf signs a token's input as a recipe's
 * signer says.
 */
import { createHmac, createPublicKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from "node:crypto";
import type { SigningKeyRing } from "../session/signing-keys";
import { createMemoryStores } from "./memory-stores";
import { createTestEngine, createTestClock } from "./test-engine";

/** A signing recipe: which key signs, and with which algorithm's scheme. */
export type Signer =
  "ours-rs256" | "ours-eddsa" | "ours-rs384" | "ours-ps256" | "other-rs256" | "other-eddsa" | "es256" | "hs256-public" | "none" | "random";

export interface Fixture {
  ring: SigningKeyRing;
  now: Date;
  issuer: string;
  audience: string;
  kids: { rs: string; ed: string; otherRing: string };
  keys: Record<"oursRs" | "oursEd" | "otherRs" | "otherEd" | "es256", KeyObject>;
  hmacSecret: string;
}

export async function fixture(): Promise<Fixture> {
  // Two engines on one store, so that the ring holds an RS256 and an EdDSA key; a third on its
  // own store stands for another deployment's ring.
  const stores = createMemoryStores();
  const clock = createTestClock();
  const ed = createTestEngine({ session: { signingAlgorithm: "EdDSA" } }, { stores, clock });
  const edKey = await ed.ctx.keyRing.getSigningKey(clock.now());
  const { ctx } = createTestEngine({ session: { signingAlgorithm: "RS256" } }, { stores, clock });
  const rsKey = await ctx.keyRing.getSigningKey(clock.now());
  const other = createTestEngine({ session: { signingAlgorithm: "RS256" } });
  const otherKey = await other.ctx.keyRing.getSigningKey(other.ctx.now());
  const lookup = await ctx.keyRing.getVerifyKey(edKey.kid, "EdDSA", clock.now());
  if (lookup.status !== "OK") throw new Error("the ring does not hold the EdDSA key");
  const publicPem = createPublicKey(rsKey.keyObject).export({ type: "spki", format: "pem" }).toString();
  return {
    ring: ctx.keyRing,
    now: ctx.now(),
    issuer: ctx.issuer,
    audience: ctx.config.session.accessTokenAudience,
    kids: { rs: rsKey.kid, ed: edKey.kid, otherRing: otherKey.kid },
    keys: {
      oursRs: rsKey.keyObject,
      oursEd: edKey.keyObject,
      otherRs: otherKey.keyObject,
      otherEd: generateKeyPairSync("ed25519").privateKey,
      es256: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey,
    },
    hmacSecret: publicPem,
  };
}
export function signatureOf(f: Fixture, signer: Signer, input: string, random: string): string {
  const data = Buffer.from(input, "latin1");
  const b64 = (bytes: Buffer) => bytes.toString("base64url");
  switch (signer) {
    case "ours-rs256":
      return b64(cryptoSign("sha256", data, f.keys.oursRs));
    case "ours-eddsa":
      return b64(cryptoSign(null, data, f.keys.oursEd));
    case "ours-rs384":
      return b64(cryptoSign("sha384", data, f.keys.oursRs));
    case "ours-ps256":
      return b64(cryptoSign("sha256", data, { key: f.keys.oursRs, padding: 6, saltLength: 32 }));
    case "other-rs256":
      return b64(cryptoSign("sha256", data, f.keys.otherRs));
    case "other-eddsa":
      return b64(cryptoSign(null, data, f.keys.otherEd));
    case "es256":
      return b64(cryptoSign("sha256", data, { key: f.keys.es256, dsaEncoding: "ieee-p1363" }));
    case "hs256-public":
      return b64(createHmac("sha256", f.hmacSecret).update(data).digest());
    case "none":
      return "";
    case "random":
      return random;
  }
}
