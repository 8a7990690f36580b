import type { EngineContext } from "../context";
import { consumeEmailToken } from "../email-tokens/email-token";
import { hashPassword } from "../emailpassword/password-hash";
import type { FieldError } from "../emailpassword/sign-up-fields";
import { checkNewPassword } from "../emailpassword/new-password";
import { logAuthEvent } from "../log";
import { sendSecurityNotice } from "../email/security-notice";

export type ResetPasswordUsingTokenResult =
  | { status: "OK"; userId: string; email: string; revokedSessionHandles: string[] }
  | { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" }
  | { status: "FIELD_ERROR"; formFields: FieldError[] };

/**
 * Sets a new password with an emailed token. The password is checked first, so that a weak
 * one does not spend the link. Then the token is used up atomically (of concurrent uses
 * exactly one gets here), every other reset link of the user dies, and, unless the deployer
 * turned it off (and the address was verified already), every session of the user except
 * `keepSessionHandle` is revoked: whoever held the old password may be signed in somewhere. A
 * reset that proves a not-yet-verified address also removes the user's passkeys: whatever was
 * added before that proof may be a pre-registrant's. Clicking the emailed link also proves the
 * address, so it is marked verified. `tenantId`: the tenant the request came under; a token
 * issued under another one is refused (email-tokens/email-token.ts).
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
  if (!(await ctx.stores.users.updatePasswordHash(row.userId, await hashPassword(input.newPassword)))) {
    return { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" };
  }
  await ctx.stores.passwordResetTokens.deleteTokensForUser(row.userId);
  await ctx.stores.users.markEmailVerified(row.userId, row.email);
  // Sessions had before the address was proven may be a pre-registrant's (thirdparty/sign-in-up.ts):
  // the attacker who signed up under the victim's address keeps its session through the victim's
  // reset unless it ends here, whatever `revokeOtherSessions` says.
  const revoke = ctx.config.passwordReset.revokeOtherSessions || !account.user.emailVerified;
  const revokedSessionHandles = revoke ? await revokeOthers(ctx, row.userId, input.keepSessionHandle) : [];
  // Likewise a passkey added before the proof: the pre-registrant, signed in with its password,
  // may have added one, and a passkey signs in without the password or the address.
  if (!account.user.emailVerified) await removePasskeysAddedUnproven(ctx, row.userId);
  logAuthEvent(ctx, "password.reset", { userId: row.userId, count: revokedSessionHandles.length });
  sendSecurityNotice(ctx, { userId: row.userId, to: row.email, event: "PASSWORD_RESET" });
  return { status: "OK", userId: row.userId, email: row.email, revokedSessionHandles };
}

async function removePasskeysAddedUnproven(ctx: EngineContext, userId: string): Promise<void> {
  const passkeys = await ctx.stores.webauthn.listCredentials(userId);
  for (const passkey of passkeys) await ctx.stores.webauthn.deleteCredential({ id: passkey.id, userId });
  if (passkeys.length > 0)
    logAuthEvent(ctx, "webauthn.credential_removed", { userId, reason: "PASSWORD_RESET_PROVED_EMAIL", count: passkeys.length });
}

async function revokeOthers(ctx: EngineContext, userId: string, keep: string | undefined): Promise<string[]> {
  if (keep === undefined) return ctx.stores.sessions.deleteSessionsForUser(userId);
  const handles = (await ctx.stores.sessions.listSessionHandlesForUser(userId, ctx.now())).filter((h) => h !== keep);
  for (const handle of handles) await ctx.stores.sessions.deleteSession(handle);
  return handles;
}
