/**
 * The end of every sign-in and sign-up, whatever the method: the deployer's session hooks run
 * here and only here (once per sign-in/up), then the session is created. Email+password
 * (emailpassword/sign-in.ts, emailpassword/sign-up.ts) and third-party sign-in
 * (thirdparty/sign-in-up.ts) all call it.
 */
import type { ClientInfo } from "./client-info";
import type { EngineContext } from "./context";
import type { SignInUpAction, SignInUpContext } from "./config";
import { GatehouseError } from "./errors";
import { logAuthEvent } from "./log";
import { assertNoProtectedClaims, tryCreateNewSession, type IssuedTokens } from "./session/session";
import { revokeSession } from "./session/session-revocation";
import type { SessionClaimFacts, UserRow } from "./ports";
import type { FdiUser } from "./user";
import { firstFactorOf, type PasswordlessProof } from "./mfa/factor-ids";
import { signInRecordOf } from "./organizations/sign-in-record";

/** What every sign-in and sign-up method hands over. */
export interface StartSessionInput {
  row: UserRow;
  user: FdiUser;
  context: SignInUpContext;
  action: SignInUpAction;
  client?: ClientInfo;
  /** The claims' facts read with the account (sign-in): no claim reads again. */
  facts?: SessionClaimFacts;
  /** The tenant signed in to; absent or "public" for the default tenant. */
  tenantId?: string;
  /** A passwordless sign-in's proof, code or link: which factor it completed (`otp-*` or `link-*`). */
  passwordlessProof?: PasswordlessProof;
}

export type SessionStarted = { status: "OK"; user: FdiUser; tokens: IssuedTokens };

/** A password sign-in's hold on the password it proved. */
export interface PasswordHold {
  /** The hash the sign-in verified: the session is written only while the account holds it. */
  hash: string;
  /**
   * Asked once when the account no longer holds `hash`: the hash now stored if it still holds
   * this password (a parallel sign-in upgraded an imported hash), to write the session under
   * once more; null for a real change.
   */
  recheck(): Promise<string | null>;
}

/**
 * No session was written because the user was deleted while signing in (an operator's deletion
 * racing the sign-in: UserAdminStore.deleteUser). Each method answers as it does for an account
 * it cannot sign in to, never with a 5xx.
 */
export type UserDeleted = { status: "USER_DELETED" };

/**
 * The one call site of the deployer's `setJwtPayload` and `setSessionData` hooks. `row` is the
 * user as the method just read or wrote it: the session's claims (email verified) come from it
 * rather than from a second read.
 *
 * With `whilePassword` (a password sign-in), PASSWORD_CHANGED means a change or reset of the
 * password came first, and no session was written (session.ts, tryCreateNewSession). The hooks
 * still run once. USER_DELETED: see UserDeleted.
 */
export async function startSession(
  ctx: EngineContext,
  input: StartSessionInput & { whilePassword: PasswordHold },
): Promise<SessionStarted | UserDeleted | { status: "PASSWORD_CHANGED" }>;
export async function startSession(ctx: EngineContext, input: StartSessionInput): Promise<SessionStarted | UserDeleted>;
export async function startSession(
  ctx: EngineContext,
  input: StartSessionInput & { whilePassword?: PasswordHold },
): Promise<SessionStarted | UserDeleted | { status: "PASSWORD_CHANGED" }> {
  const { user, context, action } = input;
  const jwtPayload = await callHook("setJwtPayload", () => ctx.config.setJwtPayload(user, context, action));
  assertNoProtectedClaims(jwtPayload, ctx);
  const sessionData = await callHook("setSessionData", () => ctx.config.setSessionData(user, context, action));
  const newSession = {
    userId: user.id,
    jwtPayload,
    tenantId: input.tenantId,
    sessionData,
    user: input.row,
    facts: input.facts,
    // The FDI user lists every identity: a provider's unproven address is still one to verify.
    hasEmail: input.row.email !== null || user.loginMethods.some((method) => method.recipeId === "thirdparty"),
    userAgent: input.client?.userAgent,
    ip: input.client?.ip,
    // The sign-in method is the session's first factor (the st-mfa claim's `c`).
    completedFactors: { [firstFactorOf(context, input.passwordlessProof)]: Math.floor(ctx.now().getTime() / 1000) },
    // Asked again when the session switches into an organization (organizations/active-organization.ts).
    signIn: signInRecordOf(context, input.tenantId, input.passwordlessProof),
    // Logged once the tokens are issued; the audit row goes with the session row, in one transaction.
    event: { name: action === "signup" ? "auth.signup" : "auth.signin", fields: { userId: user.id, method: context.method } },
  } as const;
  const hold = input.whilePassword;
  if (!hold) {
    const tokens = await tryCreateNewSession(ctx, newSession);
    if (tokens) return { status: "OK", user, tokens };
    logAuthEvent(ctx, "auth.signin_failed", { method: context.method, reason: "USER_DELETED", userId: user.id });
    return { status: "USER_DELETED" };
  }
  // A deleted user's account went with them: the hold's recheck finds none, and the answer is
  // PASSWORD_CHANGED, which a password sign-in answers as USER_DELETED would be answered.
  let tokens = await tryCreateNewSession(ctx, { ...newSession, onlyWhilePasswordHash: hold.hash });
  const stillHeld = tokens ? null : await hold.recheck();
  if (stillHeld !== null) tokens = await tryCreateNewSession(ctx, { ...newSession, onlyWhilePasswordHash: stillHeld });
  return tokens ? { status: "OK", user, tokens } : { status: "PASSWORD_CHANGED" };
}

async function callHook(name: string, hook: () => Record<string, unknown> | Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await hook();
  } catch (error) {
    throw new GatehouseError("HOOK_FAILED", `${name} threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new GatehouseError("HOOK_FAILED", `${name} must return a plain object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Ends a session just started whose way in (a provider identity, a passwordless account) was
 * found gone once it was written: a recovery or password reset that took the account over
 * (users/unproven-account-takeover.ts) removed it and revoked every session, and this one was
 * written after that revocation. Logged as a failed sign-in with reason SIGN_IN_METHOD_REMOVED.
 * (A passkey sign-in does the same in its own vocabulary: webauthn/sign-in-up.ts.)
 */
export async function endSessionOfRemovedWayIn(
  ctx: EngineContext,
  sessionHandle: string,
  who: { userId: string; method: "thirdparty" | "passwordless" },
): Promise<void> {
  await revokeSession(ctx, sessionHandle);
  logAuthEvent(ctx, "auth.signin_failed", { ...who, reason: "SIGN_IN_METHOD_REMOVED" }, "warn");
}
