/**
 * Sign-up and sign-in with a passkey, each ending in `startSession` like every other method.
 *
 * Sign-up makes a new user whose address is unverified (a passkey proves no address); an address
 * any user holds already is refused (EMAIL_ALREADY_EXISTS_ERROR), so that a passkey cannot be
 * slipped into somebody else's account: adding one to an existing account takes being signed in
 * to it, or its recovery email.
 *
 * Under an organization's tenant (`tenant`; absent: the public tenant) sign-up follows the
 * tenant's rules (open sign-up, email domains) and the new user joins it; a tenant that admits
 * by email domain takes no passkey sign-up, whose address is unverified (organizations/tenants.ts).
 * Sign-in admits members, and those the tenant lets sign up (by domain: verified addresses),
 * answering anyone else as an unknown passkey. The options carry nothing of a tenant (a
 * challenge, an email): the tenant whose rules apply is the one the ceremony finishes under.
 *
 * Second factor. A sign-in here always carried user verification (required by the options and
 * checked again in verify-ceremony.ts). When MFA lands, this is where the `webauthn` factor is
 * recorded as completed for the new session (see docs/passkeys.md).
 */
import { randomUUID } from "node:crypto";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { ClientInfo } from "../client-info";
import type { EngineContext } from "../context";
import { limitSignUps } from "../limits/sign-up-budget";
import type { TooManyAttempts } from "../limits/rate-limit";
import { logAuthEvent } from "../log";
import { admitToTenant, mayEnterTenant, signUpRefusal, type Tenant } from "../organizations/tenants";
import { isAddressDeliveredAsWritten } from "../organizations/email-domains";
import { type IssuedTokens } from "../session/session";
import { revokeSession } from "../session/session-revocation";
import { startSession } from "../start-session";
import type { FdiUser } from "../user";
import { MESSAGE } from "../wire-codes";
import { fdiUserOf } from "../users/fdi-user";
import type { RelyingParty } from "./relying-party";
import { consumeOptions, credentialKey, verifyAssertion, verifyNewCredential, type CredentialRefused, type OptionsRefused } from "./verify-ceremony";

export type SignedIn = { status: "OK"; user: FdiUser; tokens: IssuedTokens };

export type SignUpResult =
  | SignedIn
  | OptionsRefused
  | CredentialRefused
  | { status: "EMAIL_ALREADY_EXISTS_ERROR" }
  | { status: "SIGN_UP_NOT_ALLOWED"; reason: string }
  | { status: "INVALID_AUTHENTICATOR_ERROR"; reason: string }
  | TooManyAttempts;

/**
 * Why a passkey sign-up for `email` is refused, said for the user; null where it may go on. An
 * address whose mail would go to another mailbox is refused, as at an email+password sign-up
 * (isAddressDeliveredAsWritten): its verification link would reach that mailbox's owner. A
 * passkey proves no address, so a tenant that admits by email domain refuses it too. Asked
 * when the options are made, before the authenticator makes a passkey that the sign-up would
 * refuse and leave on the device, and again at the sign-up.
 */
export function passkeySignUpRefusal(tenant: Tenant | undefined, email: string): string | null {
  if (!isAddressDeliveredAsWritten(email)) return MESSAGE.EMAIL_INVALID;
  const refusal = tenant ? signUpRefusal(tenant, email, false) : null;
  if (refusal === "CLOSED") return MESSAGE.TENANT_SIGN_UP_CLOSED;
  if (refusal === "EMAIL_UNVERIFIED") return MESSAGE.TENANT_EMAIL_NOT_VERIFIED;
  return null;
}

/** The name a new passkey gets until its owner renames it. */
export const DEFAULT_CREDENTIAL_NAME = "Passkey";

export async function signUpWithPasskey(
  ctx: EngineContext,
  rp: RelyingParty,
  input: { webauthnGeneratedOptionsId: string; credential: RegistrationResponseJSON },
  client: ClientInfo,
  tenant?: Tenant,
): Promise<SignUpResult> {
  const consumed = await consumeOptions(ctx, input.webauthnGeneratedOptionsId, "register", rp);
  if (consumed.status !== "OK") return consumed;
  const { options } = consumed;
  // Options made for a recovery belong to that user; sign-up takes only fresh ones.
  if (options.userId !== null || options.email === null) return { status: "INVALID_OPTIONS_ERROR" };
  const refusal = passkeySignUpRefusal(tenant, options.email);
  if (refusal) return { status: "SIGN_UP_NOT_ALLOWED", reason: refusal };
  const userId = randomUUID();
  const verified = await verifyNewCredential(ctx, rp, options, input.credential, { userId, name: DEFAULT_CREDENTIAL_NAME });
  if (verified.status !== "OK") return verified;
  // Counted once the passkey is proven, so that no garbage spends the budget (`signUpGlobal`).
  const overBudget = await limitSignUps(ctx);
  if (overBudget) return overBudget;
  const user = { id: userId, email: options.email, emailVerified: false, timeJoined: ctx.now() };
  const created = await ctx.stores.webauthn.createWebauthnUser({ user, credential: verified.credential });
  if (created.status === "EMAIL_ALREADY_EXISTS") return { status: "EMAIL_ALREADY_EXISTS_ERROR" };
  if (created.status === "CREDENTIAL_ALREADY_EXISTS") return { status: "INVALID_AUTHENTICATOR_ERROR", reason: "This passkey is registered already" };
  logAuthEvent(ctx, "webauthn.credential_added", { userId, method: "signup" });
  // The new user joins the tenant's organization; it was deleted meanwhile if this fails, and the account stays in the public tenant.
  if (tenant && !(await admitToTenant(ctx, tenant, user))) return { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_SIGN_UP_CLOSED };
  const read = await fdiUserOf(ctx, userId);
  if (!read) return { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };
  const { user: fdiUser, row } = read;
  const context = { method: "webauthn" as const, email: options.email };
  const started = await startSession(ctx, { tenantId: tenant?.id, row, user: fdiUser, context, action: "signup", client });
  if (started.status !== "OK") return { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };
  return { status: "OK", user: started.user, tokens: started.tokens };
}

export type SignInResult = SignedIn | { status: "INVALID_CREDENTIALS_ERROR" };

/**
 * Every refusal answers INVALID_CREDENTIALS_ERROR, whatever the cause (unknown passkey, stale
 * options, bad signature, clone): the FDI has no other status for sign-in, and the cause is in
 * the log and the audit.
 */
export async function signInWithPasskey(
  ctx: EngineContext,
  rp: RelyingParty,
  input: { webauthnGeneratedOptionsId: string; credential: AuthenticationResponseJSON },
  client: ClientInfo,
  tenant?: Tenant,
): Promise<SignInResult> {
  const refused = { status: "INVALID_CREDENTIALS_ERROR" } as const;
  const consumed = await consumeOptions(ctx, input.webauthnGeneratedOptionsId, "signin", rp);
  if (consumed.status !== "OK") return refused;
  const found = await ctx.stores.webauthn.findCredential(credentialKey(input.credential.id));
  if (!found || found.credential.rpId !== rp.id) {
    logAuthEvent(ctx, "webauthn.rejected", { reason: "UNKNOWN_CREDENTIAL" }, "warn");
    return refused;
  }
  const { credential } = found;
  const checked = await verifyAssertion(ctx, rp, consumed.options, input.credential, credential);
  if (checked.status !== "OK") return refused;
  const read = await fdiUserOf(ctx, credential.userId);
  // Deleted meanwhile (the passkey went with the user): as an unknown passkey.
  if (!read) return refused;
  const { user, row } = read;
  // Asked before the use is recorded, so that a refusal changes nothing; the same answer as an unknown passkey.
  if (tenant && !(await mayEnterTenant(ctx, tenant, row))) {
    logAuthEvent(ctx, "webauthn.rejected", { userId: credential.userId, reason: "NOT_IN_TENANT" }, "warn");
    return refused;
  }
  const usedAt = ctx.now();
  // Of two sign-ins racing with one counter value, only one moves it; the other is a replay.
  if (!(await ctx.stores.webauthn.recordUse({ id: credential.id, expectedCounter: credential.counter, counter: checked.newCounter, usedAt }))) {
    logAuthEvent(ctx, "webauthn.rejected", { userId: credential.userId, reason: "COUNTER_RACE" }, "warn");
    return refused;
  }
  logAuthEvent(ctx, "webauthn.credential_used", { userId: credential.userId });
  // Joins a tenant whose open sign-up let the user in; refused only if the organization went meanwhile.
  if (tenant && !(await admitToTenant(ctx, tenant, row))) return refused;
  const context = { method: "webauthn" as const, ...(row.email ? { email: row.email } : {}) };
  const started = await startSession(ctx, { tenantId: tenant?.id, row, user, context, action: "signin", client });
  if (started.status !== "OK") return refused;
  // A recovery or reset that took the account over (users/unproven-account-takeover.ts) removes the passkey and then
  // revokes every session: a session written after that revocation is found here, its passkey
  // gone, and ended; one written before it was revoked by it.
  if (!(await ctx.stores.webauthn.findCredential(credential.id))) {
    await revokeSession(ctx, started.tokens.sessionHandle);
    logAuthEvent(ctx, "webauthn.rejected", { userId: credential.userId, reason: "CREDENTIAL_REMOVED" }, "warn");
    return refused;
  }
  return { status: "OK", user: started.user, tokens: started.tokens };
}
