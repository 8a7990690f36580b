/**
 * A signed-in user's own passkeys: add one (the browser made it from options for the user's
 * email), list, rename, remove. The HTTP layer has checked the session; `userId` is its user.
 * Adding emails the user (a security notice), so that a passkey slipped in by someone holding a
 * session is noticed.
 */
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import type { EngineContext } from "../context";
import { sendSecurityNotice } from "../email/security-notice";
import { logAuthEvent } from "../log";
import { isLiveSession } from "../session/session-liveness";
import { CODE, MESSAGE } from "../wire-codes";
import { passkeysAreOnlyWayIn } from "./last-way-in";
import { passkeyCapPassed, passkeyCapRefusal, tooManyPasskeys, type TooManyPasskeys } from "./passkey-cap";
import type { RelyingParty } from "./relying-party";
import { DEFAULT_CREDENTIAL_NAME } from "./sign-in-up";
import { consumeOptions, credentialKey, verifyNewCredential, type CredentialRefused, type OptionsRefused } from "./verify-ceremony";

/** Longest passkey name kept. */
export const MAX_CREDENTIAL_NAME_LENGTH = 100;

export type RegisterCredentialResult =
  | { status: "OK" }
  | OptionsRefused
  | CredentialRefused
  | { status: "INVALID_AUTHENTICATOR_ERROR"; reason: string }
  | { status: "REGISTER_CREDENTIAL_NOT_ALLOWED"; reason: string }
  | TooManyPasskeys;

export async function registerCredential(
  ctx: EngineContext,
  rp: RelyingParty,
  /** `sessionHandle`: the session adding it; the passkey is kept only if that session outlives the write. */
  input: { userId: string; sessionHandle: string; webauthnGeneratedOptionsId: string; credential: RegistrationResponseJSON; name?: string },
): Promise<RegisterCredentialResult> {
  const consumed = await consumeOptions(ctx, input.webauthnGeneratedOptionsId, "register", rp);
  if (consumed.status !== "OK") return consumed;
  // Options a recovery token asked for are that recovery's, not a signed-in user's.
  if (consumed.options.userId !== null) return { status: "INVALID_OPTIONS_ERROR" };
  // Cut between characters: a cut inside a surrogate pair kept half of it, which the databases
  // store as U+FFFD.
  const name =
    input.name
      ?.trim()
      .slice(0, MAX_CREDENTIAL_NAME_LENGTH)
      .replace(/[\uD800-\uDBFF]$/, "") || DEFAULT_CREDENTIAL_NAME;
  const verified = await verifyNewCredential(ctx, rp, consumed.options, input.credential, { userId: input.userId, name });
  if (verified.status !== "OK") return verified;
  return addVerifiedCredential(ctx, verified.credential, "account", input.sessionHandle);
}

type NewCredential = Parameters<EngineContext["stores"]["webauthn"]["addCredential"]>[0];

type CredentialAdded =
  { status: "OK" } | { status: "INVALID_AUTHENTICATOR_ERROR"; reason: string } | { status: "REGISTER_CREDENTIAL_NOT_ALLOWED"; reason: string };

/**
 * Stores a verified passkey for its user, records it, and tells the user by email. Added from a
 * session, not past the user's cap (`webauthn.maxPasskeys`, passkey-cap.ts), counted before the
 * write and again after it; a recovery is not capped.
 *
 * `whileSession` (a signed-in user adding one): the passkey is kept only if that session still
 * exists once the passkey is written. A recovery or reset that takes the account over
 * (users/unproven-account-takeover.ts)
 * revokes every session before it removes the passkeys: a passkey written after that revocation
 * is found here without its session and removed; one written before it is removed by the takeover.
 */
export async function addVerifiedCredential(ctx: EngineContext, credential: NewCredential, method: "recovery"): Promise<CredentialAdded>;
export async function addVerifiedCredential(
  ctx: EngineContext,
  credential: NewCredential,
  method: "account",
  whileSession?: string,
): Promise<CredentialAdded | TooManyPasskeys>;
export async function addVerifiedCredential(
  ctx: EngineContext,
  credential: NewCredential,
  method: "account" | "recovery",
  whileSession?: string,
): Promise<CredentialAdded | TooManyPasskeys> {
  // A recovery is never refused by the cap: it is the way back in for a user who lost their
  // passkeys, and recoverLimitPerEmail (5 an hour) bounds how many it can add.
  const capped = method === "account";
  const full = capped ? await passkeyCapRefusal(ctx, credential.userId) : null;
  if (full) return full;
  const added = await ctx.stores.webauthn.addCredential(credential);
  if (added.status === "CREDENTIAL_ALREADY_EXISTS") return { status: "INVALID_AUTHENTICATOR_ERROR", reason: "This passkey is registered already" };
  if (added.status === "USER_NOT_FOUND") return { status: "REGISTER_CREDENTIAL_NOT_ALLOWED", reason: "The user no longer exists" };
  if (whileSession !== undefined && !(await isLiveSession(ctx, whileSession, credential.userId))) {
    await ctx.stores.webauthn.deleteCredential({ id: credential.id, userId: credential.userId });
    logAuthEvent(ctx, "webauthn.rejected", { userId: credential.userId, reason: "SESSION_ENDED" }, "warn");
    return { status: "REGISTER_CREDENTIAL_NOT_ALLOWED", reason: "The session has ended" };
  }
  if (capped && (await passkeyCapPassed(ctx, credential.userId)) && (await undoAdditionPastCap(ctx, credential)) === "UNDONE") {
    return tooManyPasskeys(ctx, credential.userId);
  }
  logAuthEvent(ctx, "webauthn.credential_added", { userId: credential.userId, method });
  if (ctx.config.webauthn.notifyOnAdd) {
    const user = await ctx.stores.users.getUserById(credential.userId);
    sendSecurityNotice(ctx, { userId: credential.userId, to: user?.email ?? null, event: "PASSKEY_ADDED" });
  }
  return { status: "OK" };
}

/**
 * Removes a passkey just added past the cap, or keeps it after all (KEPT). A removal racing
 * the additions (removeCredential) may have counted this passkey as left and taken the account's
 * others: looked at again, and put back rather than leave an account that passkeys alone open
 * with none. One passkey is within any cap.
 */
async function undoAdditionPastCap(ctx: EngineContext, credential: NewCredential): Promise<"UNDONE" | "KEPT"> {
  const { id, userId } = credential;
  await ctx.stores.webauthn.deleteCredential({ id, userId });
  if ((await ctx.stores.webauthn.listCredentials(userId)).length > 0 || !(await passkeysAreOnlyWayIn(ctx, userId))) return "UNDONE";
  return (await ctx.stores.webauthn.addCredential(credential)).status === "OK" ? "KEPT" : "UNDONE";
}

/** What the list endpoint answers per passkey: the FDI's fields, then Gatehouse's own. */
export interface ListedCredential {
  webauthnCredentialId: string;
  relyingPartyId: string;
  recipeUserId: string;
  createdAt: number;
  name: string;
  lastUsedAt: number | null;
}

export async function listCredentials(ctx: EngineContext, userId: string): Promise<{ status: "OK"; credentials: ListedCredential[] }> {
  const rows = await ctx.stores.webauthn.listCredentials(userId);
  return {
    status: "OK",
    credentials: rows.map((c) => ({
      webauthnCredentialId: c.credentialId,
      relyingPartyId: c.rpId,
      recipeUserId: c.userId,
      createdAt: c.createdAt.getTime(),
      name: c.name,
      lastUsedAt: c.lastUsedAt?.getTime() ?? null,
    })),
  };
}

/** The FDI's GENERAL_ERROR (its message shown by clients): the passkey is the account's last way in (last-way-in.ts). */
export type LastWayIn = { status: "GENERAL_ERROR"; message: string; code: typeof CODE.LAST_WAY_IN };

/**
 * Removes one of the user's passkeys, unless it is the last and nothing else opens the account
 * (no password, provider or passwordless sign-in, and no recovery by email: last-way-in.ts).
 */
export async function removeCredential(
  ctx: EngineContext,
  input: { userId: string; webauthnCredentialId: string },
): Promise<{ status: "OK" } | { status: "CREDENTIAL_NOT_FOUND_ERROR" } | LastWayIn> {
  const { userId } = input;
  const id = credentialKey(input.webauthnCredentialId);
  const passkeys = await ctx.stores.webauthn.listCredentials(userId);
  const target = passkeys.find((c) => c.id === id);
  if (!target) return { status: "CREDENTIAL_NOT_FOUND_ERROR" };
  if (passkeys.length === 1 && (await passkeysAreOnlyWayIn(ctx, userId))) return lastWayIn(ctx, userId);
  if (!(await ctx.stores.webauthn.deleteCredential({ id, userId }))) return { status: "CREDENTIAL_NOT_FOUND_ERROR" };
  // Two removals racing each saw the other's passkey still there: looked at again, and put back.
  if ((await ctx.stores.webauthn.listCredentials(userId)).length === 0 && (await passkeysAreOnlyWayIn(ctx, userId))) {
    await ctx.stores.webauthn.addCredential(target);
    return lastWayIn(ctx, userId);
  }
  logAuthEvent(ctx, "webauthn.credential_removed", { userId });
  // As for an authenticator removed: a removal the owner did not make is noticed.
  const user = await ctx.stores.users.getUserById(userId);
  sendSecurityNotice(ctx, { userId, to: user?.email ?? null, event: "PASSKEY_REMOVED" });
  return { status: "OK" };
}

function lastWayIn(ctx: EngineContext, userId: string): LastWayIn {
  logAuthEvent(ctx, "webauthn.rejected", { userId, reason: CODE.LAST_WAY_IN }, "warn");
  return { status: "GENERAL_ERROR", message: MESSAGE.LAST_PASSKEY, code: CODE.LAST_WAY_IN };
}

export async function renameCredential(
  ctx: EngineContext,
  input: { userId: string; webauthnCredentialId: string; name: string },
): Promise<{ status: "OK" } | { status: "CREDENTIAL_NOT_FOUND_ERROR" } | { status: "INVALID_NAME_ERROR" }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_CREDENTIAL_NAME_LENGTH) return { status: "INVALID_NAME_ERROR" };
  const renamed = await ctx.stores.webauthn.renameCredential({ id: credentialKey(input.webauthnCredentialId), userId: input.userId, name });
  return renamed ? { status: "OK" } : { status: "CREDENTIAL_NOT_FOUND_ERROR" };
}

/**
 * Whether registration options for `email` are the signed-in user's own (adding a passkey from
 * the account page), and then that user's passkeys to exclude, so that an authenticator holding
 * one already says so instead of making a second for the same account. Anyone else gets none:
 * listing an address's passkeys to a caller who has not proved it is theirs would tell that the
 * address has an account.
 */
export async function ownPasskeysToExclude(
  ctx: EngineContext,
  signedInUserId: string | null,
  email: string,
): Promise<{ ownAccount: boolean; exclude: { credentialId: string; transports: string[] }[] }> {
  if (!signedInUserId) return { ownAccount: false, exclude: [] };
  const user = await ctx.stores.users.getUserById(signedInUserId);
  if (!user || user.email !== email) return { ownAccount: false, exclude: [] };
  const rows = await ctx.stores.webauthn.listCredentials(user.id);
  return { ownAccount: true, exclude: rows.map((row) => ({ credentialId: row.credentialId, transports: row.transports })) };
}
