import type { ClientInfo } from "../client-info";
import type { EngineContext } from "../context";
import { clientLimitKey } from "../limits/client-limits";
import type { TooManyAttempts } from "../limits/rate-limit";
import { accountSignInLimit } from "../limits/sign-in-limits";
import { logAuthEvent } from "../log";
import { revokeOtherSessionsForUser } from "../session/session-revocation";
import { burnPasswordVerification, hashPassword, verifyPassword } from "./password-hash";
import type { FieldError } from "./sign-up-fields";
import { normaliseEmail } from "./credential-checks";
import { checkNewPassword } from "./new-password";
import { sendSecurityNotice } from "../email/security-notice";
import { revokeAccountLinks } from "../email-tokens/account-links";

export type ChangePasswordResult =
  | { status: "OK"; revokedSessionHandles: string[] }
  | { status: "WRONG_CREDENTIALS_ERROR" }
  | { status: "FIELD_ERROR"; formFields: FieldError[] }
  | TooManyAttempts;

type ChangePasswordInput = { userId: string; sessionHandle: string; oldPassword: string; newPassword: string; client?: ClientInfo };

/**
 * A signed-in user changes their password. The current password is asked again, so that a
 * borrowed unlocked device or a stolen session cookie is not enough to take the account over.
 * The user's other sessions and emailed links (reset, recovery, passwordless codes) are revoked: whoever knew the old password is signed out. Guessing
 * the current password through a stolen session is limited like sign-in (limits/sign-in-limits.ts).
 */
export async function changePassword(ctx: EngineContext, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const account = `user:${input.userId}`;
  const client = clientLimitKey(input.client);
  const attempt = await accountSignInLimit.check(ctx, account, client);
  if (attempt.status === "TOO_MANY_ATTEMPTS") return attempt;
  const result = await checkAndChange(ctx, input);
  if (result.status === "WRONG_CREDENTIALS_ERROR") {
    await accountSignInLimit.failed(ctx, account, client);
    // Guesses at the current password through a session reached their limit: once per lock.
    if (attempt.fillsLimit)
      logAuthEvent(
        ctx,
        "auth.account_locked",
        { userId: input.userId, sessionHandle: input.sessionHandle, method: "password-change", count: attempt.failures },
        "warn",
      );
  } else if (result.status === "OK") await accountSignInLimit.succeeded(ctx, account, client);
  else await accountSignInLimit.notCounted(ctx, account, client);
  return result;
}

async function checkAndChange(ctx: EngineContext, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const user = await ctx.stores.users.getUserById(input.userId);
  const found = user?.email ? await ctx.stores.users.findEmailPasswordAccountByEmail(normaliseEmail(user.email)) : null;
  if (!found || found.user.id !== input.userId) {
    // A third-party-only user has no password to check; spend the same time as a wrong guess.
    await burnPasswordVerification(input.oldPassword);
    logAuthEvent(ctx, "password.change_failed", { userId: input.userId, sessionHandle: input.sessionHandle, reason: "NO_PASSWORD" });
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  if (!(await verifyPassword(found.account.passwordHash, input.oldPassword))) {
    logAuthEvent(ctx, "password.change_failed", { userId: input.userId, sessionHandle: input.sessionHandle, reason: "WRONG_PASSWORD" }, "warn");
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  const policyError = await checkNewPassword(ctx.config.emailPassword, input.newPassword);
  if (policyError) return { status: "FIELD_ERROR", formFields: [{ id: "newPassword", error: policyError }] };
  const passwordHash = await hashPassword(input.newPassword);
  // What the old password opened is closed before the new one is stored, not after: these are
  // separate writes, and a failure between them (503) then leaves the old password in place, for
  // the same request to be sent again, never the new password with the old devices signed in.
  // Outstanding reset and passkey recovery links die with the old password (as at an operator's
  // reset): one sent before the change, to whoever could read the inbox then, would otherwise undo it.
  await revokeAccountLinks(ctx, input.userId);
  const before = await revokeOtherSessionsForUser(ctx, input.userId, input.sessionHandle);
  await ctx.stores.users.updatePasswordHash(input.userId, passwordHash);
  // A link asked for between the revocation and the write was sent before the change took
  // effect, and would undo it as well: the links go again now that the new password is stored.
  await revokeAccountLinks(ctx, input.userId);
  // A sign-in with the old password between the revocation and the write wrote its session in
  // that moment (SessionStore.createSession writes none once the new hash is stored): it goes too.
  const others = [...before, ...(await revokeOtherSessionsForUser(ctx, input.userId, input.sessionHandle))];
  logAuthEvent(ctx, "password.changed", { userId: input.userId, sessionHandle: input.sessionHandle, count: others.length });
  sendSecurityNotice(ctx, { userId: input.userId, to: found.account.email, event: "PASSWORD_CHANGED" });
  return { status: "OK", revokedSessionHandles: others };
}
