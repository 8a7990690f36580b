/**
 * The options a browser needs to make a passkey (registration) or use one (sign-in), built by
 * @simplewebauthn/server and shaped as the FDI's `/webauthn/options/*` answers. The challenge
 * stays on the server with the options (WebauthnStore), single-use and expiring: a signed
 * challenge that was never handed out, or was handed out and used, or is too old, proves nothing.
 *
 * Policy fixed here, not configurable: user verification required (a passkey is then a factor
 * of its own: something held, unlocked by something known or something one is); discoverable
 * credentials required, so that sign-in needs no email (conditional mediation).
 */
import { randomBytes } from "node:crypto";
import { generateAuthenticationOptions, generateRegistrationOptions, type AuthenticatorTransportFuture } from "@simplewebauthn/server";
import type { EngineContext } from "../context";
import type { WebauthnOptionsRow } from "../ports/webauthn-store";
import type { RelyingParty } from "./relying-party";

/** EdDSA, ES256, RS256: what authenticators make in practice, in order of preference. */
export const SUPPORTED_ALGORITHM_IDS = [-8, -7, -257];

export interface RegisterOptionsJson {
  status: "OK";
  webauthnGeneratedOptionsId: string;
  createdAt: string;
  expiresAt: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  timeout: number;
  excludeCredentials: { id: string; type: "public-key"; transports?: string[] }[];
  attestation: string;
  pubKeyCredParams: { alg: number; type: "public-key" }[];
  authenticatorSelection: { requireResidentKey: boolean; residentKey: "required"; userVerification: "required" };
}

export interface SignInOptionsJson {
  status: "OK";
  webauthnGeneratedOptionsId: string;
  rpId: string;
  createdAt: string;
  expiresAt: string;
  challenge: string;
  timeout: number;
  userVerification: "required";
}

function newOptionsRow(
  ctx: EngineContext,
  rp: RelyingParty,
  fields: Pick<WebauthnOptionsRow, "kind" | "challenge" | "email" | "userHandle" | "userId">,
) {
  const createdAt = ctx.now();
  const expiresAt = new Date(createdAt.getTime() + ctx.config.webauthn.optionsLifetimeSeconds * 1000);
  const row: WebauthnOptionsRow = { id: randomBytes(32).toString("hex"), rpId: rp.id, createdAt, expiresAt, ...fields };
  return row;
}

async function save(ctx: EngineContext, row: WebauthnOptionsRow): Promise<void> {
  await ctx.stores.webauthn.saveOptions(row);
  // Ceremonies never finished leave their options behind; expired ones go, off the answer's path.
  ctx.waitUntil(ctx.stores.webauthn.deleteOptionsExpiredBefore(row.createdAt).catch(() => 0));
}

const TRANSPORTS: readonly string[] = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] satisfies AuthenticatorTransportFuture[];

/**
 * The transports a browser understands, once each; an unknown one (a newer browser's, or made
 * up) is left out. Applied to what a registration sends before it is stored (its column is
 * short, and an unknown hint is never handed back to a browser anyway) and to what is read.
 */
export function knownTransports(transports: readonly string[]): AuthenticatorTransportFuture[] {
  return [...new Set(transports)].filter((t): t is AuthenticatorTransportFuture => TRANSPORTS.includes(t));
}

/**
 * Options to make a passkey for `email`'s account: a new one (sign-up), the signed-in user's
 * (added), or the recovering user's (`userId`). `exclude` lists passkeys the user has already,
 * so that an authenticator does not make a second one for the same account.
 */
export async function createRegisterOptions(
  ctx: EngineContext,
  rp: RelyingParty,
  input: { email: string; userId?: string; exclude?: { credentialId: string; transports: string[] }[] },
): Promise<RegisterOptionsJson> {
  const json = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: input.email,
    userDisplayName: input.email,
    // A fresh opaque handle per passkey: it carries no address and links no two accounts.
    userID: randomBytes(32),
    timeout: ctx.config.webauthn.optionsLifetimeSeconds * 1000,
    attestationType: ctx.config.webauthn.attestation,
    excludeCredentials: (input.exclude ?? []).map((c) => ({ id: c.credentialId, transports: knownTransports(c.transports) })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  });
  const row = newOptionsRow(ctx, rp, {
    kind: "register",
    challenge: json.challenge,
    email: input.email,
    userHandle: json.user.id,
    userId: input.userId ?? null,
  });
  await save(ctx, row);
  return {
    status: "OK",
    webauthnGeneratedOptionsId: row.id,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    rp: { id: rp.id, name: rp.name },
    user: { id: json.user.id, name: json.user.name, displayName: json.user.displayName },
    challenge: json.challenge,
    timeout: json.timeout ?? ctx.config.webauthn.optionsLifetimeSeconds * 1000,
    excludeCredentials: (json.excludeCredentials ?? []).map((c) => ({
      id: c.id,
      type: "public-key" as const,
      ...(c.transports ? { transports: c.transports } : {}),
    })),
    attestation: json.attestation ?? "none",
    pubKeyCredParams: json.pubKeyCredParams.map((p) => ({ alg: p.alg, type: "public-key" as const })),
    authenticatorSelection: { requireResidentKey: true, residentKey: "required", userVerification: "required" },
  };
}

/** Options to sign in with any passkey of this relying party: no email, no allow-list (discoverable). */
export async function createSignInOptions(ctx: EngineContext, rp: RelyingParty): Promise<SignInOptionsJson> {
  const json = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "required",
    timeout: ctx.config.webauthn.optionsLifetimeSeconds * 1000,
  });
  const row = newOptionsRow(ctx, rp, { kind: "signin", challenge: json.challenge, email: null, userHandle: null, userId: null });
  await save(ctx, row);
  return {
    status: "OK",
    webauthnGeneratedOptionsId: row.id,
    rpId: rp.id,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    challenge: json.challenge,
    timeout: json.timeout ?? ctx.config.webauthn.optionsLifetimeSeconds * 1000,
    userVerification: "required",
  };
}
