import type { EngineContext } from "../context";
import { consumeEmailToken } from "../email-tokens/email-token";
import { revokeAccountLinks } from "../email-tokens/account-links";
import { hashPassword } from "../emailpassword/password-hash";
import type { FieldError } from "../emailpassword/sign-up-fields";
import { checkNewPassword } from "../emailpassword/new-password";
import { logAuthEvent } from "../log";
import { sendSecurityNotice } from "../email/security-notice";
import { PASSWORD_RESET_PROVED_EMAIL, takeOverUnprovenAccount } from "../users/unproven-account-takeover";

export type ResetPasswordUsingTokenResult =
  | { status: "OK"; userId: string; email: string; revokedSessionHandles: string[] }
  | { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" }
  | { status: "FIELD_ERROR"; formFields: FieldError[] };

/**
 * Sets a new password with an emailed token. The password is checked first, so that a weak
 * one does not spend the link. Then the token is used up atomically (of concurrent uses
 * exactly one gets here), every other reset link of the user dies, and, unless the deployer
 * turned it off, every session of the user except `keepSessionHandle` is revoked: whoever held
 * the old password may be signed in somewhere. Clicking the emailed link also proves the
 * address, so it is marked verified. A reset that is the first proof of the address takes the
 * account over from whoever registered it unproven (users/unproven-account-takeover.ts):
 * sessions whatever `revokeOtherSessions` says, passkeys, provider identities, the passwordless
 * account, authenticator devices and recovery codes, invitations the user sent; only the password
 * just set stays. `tenantId`: the tenant the request came under; a token issued under another
 * one is refused (email-tokens/email-token.ts).
 */
export async function resetPasswordUsingToken(
  ctx: EngineContext,
  input: { token: string; newPassword: string; keepSessionHandle?: string; tenantId?: string },
): Promise<ResetPasswordUsingTokenResult> {
  const passwordError = await checkNewPassword(ctx.config.emailPassword, input.newPassword);
  if (passwordError) return { status: "FIELD_ERROR", formFields: [{ id: "password", error: passwordError }] };
  const row = await consumeEmailToken(ctx, ctx.stores.passwordResetTokens, input.token, input.tenantId);
  if (!row) return { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" };
  // The token names an address; it must still be this user's account (the email may have
  // changed since the link was sent, and the old address may now be someone else's).
  const account = await ctx.stores.users.findEmailPasswordAccountByEmail(row.email);
  if (!account || account.user.id !== row.userId) return { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" };
  const passwordHash = await hashPassword(input.newPassword);
  // What the old password opened is closed before the new one is stored, and again after: these
  // are separate writes, and the link is spent already. A failure between them (503) must not
  // leave the new password with the old sessions (or a pre-registrant's ways in), which the
  // owner, told the reset failed, might never learn of; the address is marked verified only
  // after the write, since a verified address with the registrant's password would take no reset.
  const before = await closeWhatOldPasswordOpened(ctx, row, account.user.emailVerified, input.keepSessionHandle);
  if (!(await ctx.stores.users.updatePasswordHash(row.userId, passwordHash))) {
    return { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" };
  }
  // Every other reset link, and any passkey recovery link: sent before, they would undo this reset.
  await revokeAccountLinks(ctx, row.userId);
  // Again once the new password is stored: a sign-in with the old one writes its session only
  // while the old hash is stored (SessionStore.createSession), so none outlives this.
  const after = account.user.emailVerified
    ? await resetOfProvenAccount(ctx, row, input.keepSessionHandle)
    : await takeOverUnprovenAccount(ctx, {
        userId: row.userId,
        email: row.email,
        reason: PASSWORD_RESET_PROVED_EMAIL,
        keepSessionHandle: input.keepSessionHandle,
      });
  const revokedSessionHandles = [...new Set([...before, ...after])];
  logAuthEvent(ctx, "password.reset", { userId: row.userId, count: revokedSessionHandles.length });
  sendSecurityNotice(ctx, { userId: row.userId, to: row.email, event: "PASSWORD_RESET" });
  return { status: "OK", userId: row.userId, email: row.email, revokedSessionHandles };
}

/** The first pass, before the new password is stored: links, and the sessions (and a pre-registrant's ways in) the second pass ends. */
async function closeWhatOldPasswordOpened(
  ctx: EngineContext,
  row: { userId: string; email: string },
  emailVerified: boolean,
  keep: string | undefined,
): Promise<string[]> {
  await revokeAccountLinks(ctx, row.userId);
  if (emailVerified) return ctx.config.passwordReset.revokeOtherSessions ? revokeOthers(ctx, row.userId, keep) : [];
  return takeOverUnprovenAccount(ctx, {
    userId: row.userId,
    email: row.email,
    reason: PASSWORD_RESET_PROVED_EMAIL,
    keepSessionHandle: keep,
    leaveUnverified: true,
  });
}

/** A reset of an account whose address was verified already: the sessions go only if the deployer says so. */
async function resetOfProvenAccount(ctx: EngineContext, row: { userId: string; email: string }, keep: string | undefined): Promise<string[]> {
  await ctx.stores.users.markEmailVerified(row.userId, row.email);
  return ctx.config.passwordReset.revokeOtherSessions ? revokeOthers(ctx, row.userId, keep) : [];
}

async function revokeOthers(ctx: EngineContext, userId: string, keep: string | undefined): Promise<string[]> {
  if (keep === undefined) return ctx.stores.sessions.deleteSessionsForUser(userId);
  const handles = (await ctx.stores.sessions.listSessionHandlesForUser(userId, ctx.now())).filter((h) => h !== keep);
  for (const handle of handles) await ctx.stores.sessions.deleteSession(handle);
  return handles;
}
