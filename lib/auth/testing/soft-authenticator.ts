/**
 * A software passkey authenticator for unit tests: makes ES256 credentials and signs assertions
 * the way a platform authenticator does (attestation "none", user present and verified, a
 * resident key with its user handle), so the engine's WebAuthn paths run through
 * @simplewebauthn/server's real verification. Knobs let a test lie about the origin, the rp id,
 * the flags or the counter.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest();

export interface SoftPasskey {
  credentialId: Buffer;
  privateKey: KeyObject;
  publicJwk: { x: string; y: string };
  userHandle: string;
  rpId: string;
  counter: number;
}

export interface CeremonyTweaks {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  /** The counter to report (default: one more than last time, or 0 for a counter-less authenticator). */
  counter?: number;
  type?: string;
}

function authenticatorData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, attested ?? Buffer.alloc(0)]);
}

function flagsOf(tweaks: CeremonyTweaks, attested: boolean): number {
  // UP (0x01), UV (0x04), AT (0x40)
  return 0x01 | (tweaks.userVerified === false ? 0 : 0x04) | (attested ? 0x40 : 0);
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

/** Answers registration options as an authenticator at `origin` would. */
export function createPasskey(
  options: { challenge: string; rp: { id: string }; user: { id: string } },
  origin: string,
  tweaks: CeremonyTweaks = {},
): { passkey: SoftPasskey; response: RegistrationResponseJSON } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" }) as { x: string; y: string };
  const credentialId = randomBytes(32);
  const cose = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x, "base64url")],
    [-3, Buffer.from(jwk.y, "base64url")],
  ]);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, Buffer.from(isoCBOR.encode(cose))]);
  const rpId = tweaks.rpId ?? options.rp.id;
  const counter = tweaks.counter ?? 0;
  const authData = authenticatorData(rpId, flagsOf(tweaks, true), counter, attested);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", new Uint8Array(authData)],
    ]) as never,
  );
  const passkey: SoftPasskey = { credentialId, privateKey, publicJwk: jwk, userHandle: options.user.id, rpId: options.rp.id, counter };
  return {
    passkey,
    response: {
      id: b64url(credentialId),
      rawId: b64url(credentialId),
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: b64url(clientData(tweaks.type ?? "webauthn.create", options.challenge, tweaks.origin ?? origin)),
        attestationObject: b64url(attestationObject),
        transports: ["internal"],
      },
    },
  };
}

/** Signs sign-in options with `passkey`, advancing its counter unless told otherwise. */
export function signWithPasskey(
  passkey: SoftPasskey,
  options: { challenge: string },
  origin: string,
  tweaks: CeremonyTweaks = {},
): AuthenticationResponseJSON {
  const counter = tweaks.counter ?? (passkey.counter > 0 ? passkey.counter + 1 : 0);
  passkey.counter = Math.max(passkey.counter, counter);
  const authData = authenticatorData(tweaks.rpId ?? passkey.rpId, flagsOf(tweaks, false), counter);
  const data = clientData(tweaks.type ?? "webauthn.get", options.challenge, tweaks.origin ?? origin);
  const signature = createSign("sha256")
    .update(Buffer.concat([authData, sha256(data)]))
    .sign(passkey.privateKey);
  return {
    id: b64url(passkey.credentialId),
    rawId: b64url(passkey.credentialId),
    type: "public-key",
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
    response: { clientDataJSON: b64url(data), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: passkey.userHandle },
  };
}
