import { randomUUID } from "node:crypto";
import { assertIdArgument } from "../id-argument";
import type { EngineContext } from "../context";
import { hashPassword } from "../emailpassword/password-hash";
import { checkNewCredentials } from "../emailpassword/sign-up";
import type { FieldError } from "../emailpassword/sign-up-fields";
import { normaliseEmail } from "../emailpassword/credential-checks";
import { checkNewPassword } from "../emailpassword/new-password";
import { logAuthEvent } from "../log";
import type { UserRow } from "../ports";
import { sendSecurityNotice } from "../email/security-notice";
import { revokeAccountLinks } from "../email-tokens/account-links";

/**
 * What an operator does to one user from the admin API, the dashboard or the CLI. No session
 * is created and no hook runs: these are not the user's own sign-ins.
 */

export type CreateUserResult =
  { status: "OK"; user: UserRow } | { status: "FIELD_ERROR"; formFields: FieldError[] } | { status: "EMAIL_ALREADY_EXISTS_ERROR" };

/** An email+password user, made by an operator; the password policy applies as at sign-up. */
export async function createEmailPasswordUser(ctx: EngineContext, input: { email: string; password: string }): Promise<CreateUserResult> {
  const fieldErrors = await checkNewCredentials(ctx, input.email, input.password);
  if (fieldErrors.length > 0) return { status: "FIELD_ERROR", formFields: fieldErrors };
  const created = await ctx.stores.users.createEmailPasswordUser({
    id: randomUUID(),
    email: normaliseEmail(input.email),
    passwordHash: await hashPassword(input.password),
    timeJoined: ctx.now(),
  });
  if (created.status !== "OK") return created;
  logAuthEvent(ctx, "auth.signup", { userId: created.user.id, method: "emailpassword", reason: "ADMIN" });
  return created;
}

export type SetPasswordResult =
  | { status: "OK" }
  | { status: "UNKNOWN_USER_ERROR" }
  /** The user signs in another way only (a third-party account). */
  | { status: "NO_EMAIL_PASSWORD_ACCOUNT_ERROR" }
  | { status: "PASSWORD_POLICY_VIOLATED_ERROR"; failureReason: string };

/**
 * Replaces the password of the user's email+password account. Outstanding reset and passkey
 * recovery links, and passwordless codes sent to the address, die with the old password. Sessions are left alone: revoke them separately when the old password may
 * have leaked.
 */
export async function setUserPassword(ctx: EngineContext, userId: string, newPassword: string): Promise<SetPasswordResult> {
  // An undefined id is no condition to Prisma: every account's password would be set.
  assertIdArgument(userId, "setUserPassword: userId");
  const policyError = await checkNewPassword(ctx.config.emailPassword, newPassword);
  if (policyError) return { status: "PASSWORD_POLICY_VIOLATED_ERROR", failureReason: policyError };
  if (!(await ctx.stores.users.updatePasswordHash(userId, await hashPassword(newPassword)))) {
    return (await ctx.stores.users.getUserById(userId)) ? { status: "NO_EMAIL_PASSWORD_ACCOUNT_ERROR" } : { status: "UNKNOWN_USER_ERROR" };
  }
  await revokeAccountLinks(ctx, userId);
  logAuthEvent(ctx, "password.set", { userId });
  sendSecurityNotice(ctx, { userId, to: (await ctx.stores.users.getUserById(userId))?.email ?? null, event: "PASSWORD_CHANGED" });
  return { status: "OK" };
}

export type VerifyUserEmailResult = { status: "OK" } | { status: "UNKNOWN_USER_ERROR" } | { status: "NO_EMAIL_ERROR" };

/** Marks the user's current email verified, as if they had clicked a verification link. */
export async function verifyUserEmail(ctx: EngineContext, userId: string): Promise<VerifyUserEmailResult> {
  assertIdArgument(userId, "verifyUserEmail: userId");
  const user = await ctx.stores.users.getUserById(userId);
  if (!user) return { status: "UNKNOWN_USER_ERROR" };
  if (!user.email) return { status: "NO_EMAIL_ERROR" };
  // False only when the email changed or the user vanished since the read above.
  if (!(await ctx.stores.users.markEmailVerified(userId, user.email))) return { status: "UNKNOWN_USER_ERROR" };
  logAuthEvent(ctx, "email.verified", { userId, reason: "ADMIN" });
  return { status: "OK" };
}
