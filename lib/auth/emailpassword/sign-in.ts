import type { EngineContext } from "../context";
import { limitClient, clientLimitKey } from "../limits/client-limits";
import type { TooManyAttempts } from "../limits/rate-limit";
import { accountSignInLimit } from "../limits/sign-in-limits";
import { logAuthEvent } from "../log";
import type { IssuedTokens } from "../session/session";
import { startSession } from "../start-session";
import { toFdiEmailPasswordUser, type FdiUser } from "../user";
import { MESSAGE } from "../wire-codes";
import { requiredCredentials, type CredentialsInput } from "./credentials";
import { burnPasswordVerification, verifyPassword } from "./password-hash";
import { upgradeImportedHash } from "./upgrade-imported-hash";
import { formFieldsForHooks, type FieldError } from "./sign-up-fields";
import { checkExistingEmail, normaliseEmail } from "./credential-checks";
import { admitToTenant, signUpRefusal } from "../organizations/tenants";

export type SignInResult =
  | { status: "OK"; user: FdiUser; tokens: IssuedTokens }
  | { status: "FIELD_ERROR"; formFields: FieldError[] }
  | { status: "WRONG_CREDENTIALS_ERROR" }
  /** A tenant that admits the user's email domain, but only once the address is verified. */
  | { status: "SIGN_IN_NOT_ALLOWED"; reason: string }
  | TooManyAttempts;

/**
 * Email+password sign-in, limits included, in the order an attacker meets them: the client's
 * attempts (`signInPerIp`), then the form, then the account's failed-sign-in limits and budgets
 * (limits/sign-in-limits.ts), taken before the password is checked and kept only when it is
 * wrong. Every limit answers TOO_MANY_ATTEMPTS before any password work, so a held-back guess
 * costs nothing and tells nothing.
 */
export async function signIn(ctx: EngineContext, input: CredentialsInput): Promise<SignInResult> {
  const limited = await limitClient(ctx, "signInPerIp", input.client);
  if (limited) return limited;
  const credentials = requiredCredentials(input);
  if (credentials.status !== "OK") return credentials;
  // Keyed by the normalised email whether or not an account exists: the limit reveals nothing.
  const account = normaliseEmail(credentials.email);
  const client = clientLimitKey(input.client);
  const attempt = await accountSignInLimit.check(ctx, account, client);
  if (attempt.status === "TOO_MANY_ATTEMPTS") return attempt;
  const result = await checkCredentials(ctx, { ...input, email: credentials.email, password: credentials.password });
  if (result.status === "WRONG_CREDENTIALS_ERROR") {
    await accountSignInLimit.failed(ctx, account, client);
    if (attempt.fillsLimit) await recordLock(ctx, account, attempt.failures);
  } else if (result.status !== "OK") await accountSignInLimit.notCounted(ctx, account, client);
  // Clearing the account's failures changes nothing for this answer: it follows it (with a
  // shared store, up to three DELETEs the user no longer waits for).
  if (result.status === "OK") ctx.waitUntil(clearFailures(ctx, account, client));
  return result;
}

/**
 * The failure that locked the account, once per lock (the attempts the lock refuses are not
 * recorded one by one). The user is looked up again: only here, once per lock, not per guess.
 * A failed lookup leaves the answer (wrong credentials) alone: the lock is recorded without them.
 */
async function recordLock(ctx: EngineContext, account: string, count: number): Promise<void> {
  const found = await ctx.stores.users.findEmailPasswordAccountByEmail(account).catch(() => null);
  logAuthEvent(ctx, "auth.account_locked", { method: "emailpassword", count, ...(found && { userId: found.user.id }) }, "warn");
}

function clearFailures(ctx: EngineContext, account: string, client: string | undefined): Promise<void> {
  return accountSignInLimit.succeeded(ctx, account, client).catch((error: unknown) => {
    ctx.log.warn({ event: "rate_limits.reset_failed", error: String((error as Error)?.message ?? error) });
  });
}

async function checkCredentials(ctx: EngineContext, input: CredentialsInput & { email: string; password: string }): Promise<SignInResult> {
  const emailError = checkExistingEmail(ctx.config.emailPassword, input.email);
  if (emailError) return { status: "FIELD_ERROR", formFields: [{ id: "email", error: emailError }] };
  if (input.password.length === 0) return { status: "FIELD_ERROR", formFields: [{ id: "password", error: MESSAGE.FIELD_NOT_OPTIONAL }] };
  const found = await ctx.stores.users.findEmailPasswordAccountByEmail(normaliseEmail(input.email));
  if (!found) {
    // An unknown email costs the same argon2id work as a wrong password: timing tells nothing.
    await burnPasswordVerification(input.password);
    logAuthEvent(ctx, "auth.signin_failed", { method: "emailpassword", reason: "UNKNOWN_EMAIL" });
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  if (!(await verifyPassword(found.account.passwordHash, input.password))) {
    logAuthEvent(ctx, "auth.signin_failed", { method: "emailpassword", reason: "WRONG_PASSWORD", userId: found.user.id });
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  // The same answer as a wrong password: a tenant's members are not told apart from strangers.
  // Except for one whom the tenant's domain rule would admit once the address is verified: the
  // password is proven, and what to do next is what the tenant's sign-up says to anyone.
  if (input.tenant && !(await admitToTenant(ctx, input.tenant, found.user))) {
    logAuthEvent(ctx, "auth.signin_failed", { method: "emailpassword", reason: "NOT_IN_TENANT", userId: found.user.id });
    if (signUpRefusal(input.tenant, found.user.email ?? "", found.user.emailVerified) === "EMAIL_UNVERIFIED")
      return { status: "SIGN_IN_NOT_ALLOWED", reason: MESSAGE.TENANT_EMAIL_NOT_VERIFIED };
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  const verifiedHash = await upgradeImportedHash(ctx, found.user.id, found.account.passwordHash, input.password);
  const started = await startSession(ctx, {
    tenantId: input.tenant?.id,
    row: found.user,
    facts: found.facts,
    user: toFdiEmailPasswordUser(found.user),
    context: { method: "emailpassword", formFields: formFieldsForHooks(input.formFields ?? {}) },
    action: "signin",
    client: input.client,
    // A change or reset of the password that lands while argon2id runs revokes "every other
    // session" before this one is written: the session is written only while the password is
    // still the one proved here, checked in its own INSERT (SessionStore.createSession).
    whilePassword: { hash: verifiedHash, recheck: () => hashStillHolding(ctx, found.user.id, input.email, input.password) },
  });
  if (started.status === "OK") return started;
  // The answer the new password would have got.
  logAuthEvent(ctx, "auth.signin_failed", { method: "emailpassword", reason: "PASSWORD_CHANGED", userId: found.user.id });
  return { status: "WRONG_CREDENTIALS_ERROR" };
}

/**
 * The account's hash now, if it still holds this password: another hash that does (rarely: a
 * parallel sign-in upgraded an imported hash, or the password was set to the same value) is no
 * change. Off the hot path: read only after the guarded write found another hash.
 */
async function hashStillHolding(ctx: EngineContext, userId: string, email: string, password: string): Promise<string | null> {
  const now = await ctx.stores.users.findEmailPasswordAccountByEmail(normaliseEmail(email));
  if (!now || now.user.id !== userId) return null;
  return (await verifyPassword(now.account.passwordHash, password)) ? now.account.passwordHash : null;
}
