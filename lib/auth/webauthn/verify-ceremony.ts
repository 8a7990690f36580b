/**
 * Finishing a ceremony: take its options out of the store (once: the store's delete decides
 * among concurrent finishers), check they are the right kind, still fresh and for this relying
 * party, then have @simplewebauthn/server verify what the authenticator signed against them:
 * challenge, origin, rp id hash, user presence and user verification, and the signature.
 */
import { createHash } from "node:crypto";
import { verifyAuthenticationResponse, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import type { WebauthnCredentialRow, WebauthnOptionsRow } from "../ports/webauthn-store";
import { knownTransports, SUPPORTED_ALGORITHM_IDS } from "./ceremony-options";
import type { RelyingParty } from "./relying-party";

export type OptionsRefused = { status: "OPTIONS_NOT_FOUND_ERROR" } | { status: "INVALID_OPTIONS_ERROR" };
export type CredentialRefused = { status: "INVALID_CREDENTIALS_ERROR" };

/** The store key of a credential id: case-safe on every database (MySQL compares ids without case). */
export function credentialKey(credentialId: string): string {
  return createHash("sha256").update(credentialId, "utf8").digest("hex");
}

function refuse<S extends string>(ctx: EngineContext, status: S, detail?: string): { status: S } {
  logAuthEvent(ctx, "webauthn.rejected", { reason: detail ?? status.replace(/_ERROR$/, "") }, "warn");
  return { status };
}

/** The options of `id`, consumed; refused when gone, expired, of another kind, or for another rp id. */
export async function consumeOptions(
  ctx: EngineContext,
  id: string,
  kind: WebauthnOptionsRow["kind"],
  rp: RelyingParty,
): Promise<{ status: "OK"; options: WebauthnOptionsRow } | OptionsRefused> {
  const options = await ctx.stores.webauthn.consumeOptions(id);
  if (!options) return refuse(ctx, "OPTIONS_NOT_FOUND_ERROR");
  if (options.expiresAt.getTime() <= ctx.now().getTime()) return refuse(ctx, "OPTIONS_NOT_FOUND_ERROR", "OPTIONS_EXPIRED");
  if (options.kind !== kind || options.rpId !== rp.id) return refuse(ctx, "INVALID_OPTIONS_ERROR");
  return { status: "OK", options };
}

/** A verified new passkey, ready to store for `userId`. */
export async function verifyNewCredential(
  ctx: EngineContext,
  rp: RelyingParty,
  options: WebauthnOptionsRow,
  response: RegistrationResponseJSON,
  owner: { userId: string; name: string },
): Promise<{ status: "OK"; credential: WebauthnCredentialRow } | CredentialRefused> {
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    });
  } catch {
    // Its message says what was wrong (origin, rp id, flags, signature); the client needs no more.
    return refuse(ctx, "INVALID_CREDENTIALS_ERROR");
  }
  if (!verified.verified) return refuse(ctx, "INVALID_CREDENTIALS_ERROR");
  const { credential } = verified.registrationInfo;
  return {
    status: "OK",
    credential: {
      id: credentialKey(credential.id),
      credentialId: credential.id,
      userId: owner.userId,
      userHandle: options.userHandle ?? "",
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: credential.counter,
      transports: knownTransports(credential.transports ?? []),
      rpId: rp.id,
      name: owner.name,
      createdAt: ctx.now(),
      lastUsedAt: null,
    },
  };
}

export type AssertionResult =
  | { status: "OK"; newCounter: number }
  | CredentialRefused
  /** The counter did not move forward: refused, and reported (webauthn.clone_detected). */
  | { status: "CLONE_DETECTED" };

/**
 * Verifies a sign-in assertion made with `stored`. The signature is checked first; only a
 * genuinely signed response can then report a clone, so that nobody can raise false alarms (or
 * lock a passkey out) with made-up authenticator data.
 *
 * Counter. An authenticator that keeps a counter increases it with every signature (WebAuthn
 * §6.1.1). A value not above the stored one means another authenticator holds the same key: a
 * clone. Both zero means the authenticator keeps none (most synced passkeys), which is fine.
 * The library's own counter check is bypassed (counter 0 passed in) so that the policy, and the
 * report, live here.
 */
export async function verifyAssertion(
  ctx: EngineContext,
  rp: RelyingParty,
  options: WebauthnOptionsRow,
  response: AuthenticationResponseJSON,
  stored: WebauthnCredentialRow,
): Promise<AssertionResult> {
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: {
        id: stored.credentialId,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, "base64url")),
        counter: 0,
        transports: stored.transports as never,
      },
      requireUserVerification: true,
    });
  } catch {
    return refuse(ctx, "INVALID_CREDENTIALS_ERROR");
  }
  if (!verified.verified || !verified.authenticationInfo.userVerified) return refuse(ctx, "INVALID_CREDENTIALS_ERROR");
  // The user handle the authenticator keeps must be the one this passkey was made with.
  const handle = response.response.userHandle;
  if (handle !== undefined && handle !== stored.userHandle) return refuse(ctx, "INVALID_CREDENTIALS_ERROR", "USER_HANDLE_MISMATCH");
  const { newCounter } = verified.authenticationInfo;
  if ((newCounter > 0 || stored.counter > 0) && newCounter <= stored.counter) {
    logAuthEvent(ctx, "webauthn.clone_detected", { userId: stored.userId, count: newCounter }, "error");
    return { status: "CLONE_DETECTED" };
  }
  return { status: "OK", newCounter };
}
