import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { sealData } from "iron-session";
import type { SigningKeyRow } from "../ports";
import { signingKeyMac } from "./signing-key-mac";
import type { SigningAlgorithm } from "./prepared-keys";

/** Slack for clock skew between instances when a key is retired. */
const RETIREMENT_MARGIN_SECONDS = 60;

export interface NewSigningKeyOptions {
  algorithm: SigningAlgorithm;
  rotationIntervalSeconds: number;
  /** A key keeps verifying this long after it stops signing, so no token it signed is cut short. */
  accessTokenTtlSeconds: number;
  sealPassword: string;
  macKey: Buffer;
}

/**
 * A fresh key pair as the row the key ring stores: the private half sealed with the app secret,
 * the public half as a JWK for the JWKS endpoints, the windows, and the row's MAC.
 */
export async function newSigningKeyRow(options: NewSigningKeyOptions, now: Date, kid: string, signUntil: Date): Promise<SigningKeyRow> {
  const { algorithm, accessTokenTtlSeconds, sealPassword, macKey } = options;
  const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: "sig" };
  const sealedPrivateKey = await sealData({ pem: await exportPKCS8(privateKey) }, { password: sealPassword, ttl: 0 });
  const fields: Omit<SigningKeyRow, "mac"> = {
    kid,
    algorithm,
    publicJwk,
    sealedPrivateKey,
    createdAt: now,
    signUntil,
    verifyUntil: new Date(signUntil.getTime() + (accessTokenTtlSeconds + RETIREMENT_MARGIN_SECONDS) * 1000),
  };
  return { ...fields, mac: signingKeyMac(macKey, fields) };
}

/**
 * Scheduled keys are named after their rotation slot (time divided by the interval), so two
 * instances rotating at the same moment try to insert the same kid and the database's primary
 * key lets exactly one of them win: no competing keys.
 */
export function scheduledKid(now: Date, options: Pick<NewSigningKeyOptions, "rotationIntervalSeconds" | "algorithm">): string {
  const slot = Math.floor(now.getTime() / (options.rotationIntervalSeconds * 1000));
  return `s${slot.toString(36)}-${options.algorithm.toLowerCase()}`;
}

/** When the rotation slot `now` falls in ends: a scheduled key signs until then. */
export function slotEnd(now: Date, options: Pick<NewSigningKeyOptions, "rotationIntervalSeconds">): Date {
  const interval = options.rotationIntervalSeconds * 1000;
  return new Date((Math.floor(now.getTime() / interval) + 1) * interval);
}
