/**
 * What a recovery link does to an account whose address nobody had proven before it.
 *
 * The pre-registration attack: an attacker signs up under the victim's address (with a passkey,
 * or a password, adding a passkey while signed in); a sign-up proves no address, so it stays
 * unverified. The victim, refused at sign-up (EMAIL_ALREADY_EXISTS_ERROR), recovers the account
 * by email and adds a passkey to it; the attacker's passkey, password and sessions would all
 * survive that, and the attacker would share everything the victim then does there.
 *
 * The link is the first proof of the address, so whoever follows it takes the account from
 * whoever registered it unproven: every other passkey is removed, the password (if any) is
 * replaced by one nobody knows (the owner sets their own with a reset link), every way in that
 * did not need the address goes (provider identities and a passwordless phone number: an
 * account given the address by an email change, `updateEmail`, keeps those of its registrant;
 * authenticator devices and recovery codes, which MFA would ask of the owner later), every
 * session is revoked, and the address is marked verified. The owner links a provider again by
 * signing in with it (the address is verified now). On an account whose address was verified
 * already recovery only adds the passkey: its owner lost theirs.
 *
 * Order against what is in flight: the sessions are revoked first, then the passkeys go and the
 * password is replaced, then the sessions are revoked again. A password sign-in writes its
 * session only while the hash it verified is still stored (SessionStore.createSession); a
 * passkey sign-in looks for its passkey again once its session is written and ends the session
 * if the passkey is gone (sign-in-up.ts), and a provider or phone sign-in does the same with its
 * identity or number (thirdparty/ and passwordless/sign-in-up.ts). So a sign-in either writes before the last revocation,
 * and is revoked by it, or is refused. A passkey added by a session (credentials.ts) is kept
 * only if the session still exists after the write: written before the first revocation, it is
 * removed with the others; after it, it finds its session gone and removes itself.
 */
import { randomBytes } from "node:crypto";
import type { EngineContext } from "../context";
import { hashPassword } from "../emailpassword/password-hash";
import { logAuthEvent } from "../log";
import { revokeAllSessionsForUser } from "../session/session";

/** The `reason` of every event the takeover logs. */
export const RECOVERY_PROVED_EMAIL = "RECOVERY_PROVED_EMAIL";

/**
 * Invitations speak for their inviter (organizations/invitations.ts): one the registrant sent
 * from an organization it made here, to an address of its own, would bring it back in beside
 * the owner once accepted. Every open one this user sent is revoked.
 */
async function revokeInvitationsSentBy(ctx: EngineContext, userId: string): Promise<void> {
  const now = ctx.now();
  for (const { organization } of await ctx.stores.organizations.listMembershipsOfUser(userId)) {
    let revoked = 0;
    for (const invitation of await ctx.stores.organizations.listOpenInvitations(organization.id, now)) {
      if (invitation.invitedBy === userId && (await ctx.stores.organizations.revokeInvitation(organization.id, invitation.id, now))) revoked++;
    }
    if (revoked > 0) {
      logAuthEvent(ctx, "organization.invitation_revoked", {
        userId,
        organizationId: organization.id,
        reason: RECOVERY_PROVED_EMAIL,
        count: revoked,
      });
    }
  }
}

/**
 * Takes the account over for the holder of the recovery link: the passkey `keepCredentialId`
 * (the one just added) stays, everything else a registrant left is removed (see above).
 */
export async function takeOverUnprovenAccount(ctx: EngineContext, input: { userId: string; email: string; keepCredentialId: string }): Promise<void> {
  const { userId, email } = input;
  // Sessions end first and again last: a passkey added with a session (credentials.ts) needs its
  // session after the write, and a sign-in's session written after the removals is revoked below.
  await revokeAllSessionsForUser(ctx, userId, RECOVERY_PROVED_EMAIL);
  const passkeys = (await ctx.stores.webauthn.listCredentials(userId)).filter((c) => c.id !== input.keepCredentialId);
  for (const passkey of passkeys) await ctx.stores.webauthn.deleteCredential({ id: passkey.id, userId });
  if (passkeys.length > 0) logAuthEvent(ctx, "webauthn.credential_removed", { userId, reason: RECOVERY_PROVED_EMAIL, count: passkeys.length });
  // A password nobody knows: the account keeps its email+password login, which its owner takes
  // up with a reset link, and whoever set the old password can no longer use it.
  const methods = await ctx.stores.thirdParty.getLoginMethods(userId);
  if (methods?.hasPassword && (await ctx.stores.users.updatePasswordHash(userId, await hashPassword(randomBytes(32).toString("base64url"))))) {
    logAuthEvent(ctx, "password.set", { userId, reason: RECOVERY_PROVED_EMAIL });
  }
  const identities = await ctx.stores.thirdParty.deleteAccountsForUser(userId);
  if (identities > 0) logAuthEvent(ctx, "thirdparty.identity_removed", { userId, reason: RECOVERY_PROVED_EMAIL, count: identities });
  if (await ctx.stores.passwordless.deleteAccountForUser(userId)) {
    logAuthEvent(ctx, "passwordless.account_removed", { userId, reason: RECOVERY_PROVED_EMAIL });
  }
  const devices = await ctx.stores.mfa.deleteTotpDevicesForUser(userId);
  const recoveryCodes = await ctx.stores.mfa.deleteRecoveryCodesForUser(userId);
  if (devices + recoveryCodes > 0) logAuthEvent(ctx, "mfa.factor_removed", { userId, reason: RECOVERY_PROVED_EMAIL, count: devices });
  await revokeInvitationsSentBy(ctx, userId);
  await revokeAllSessionsForUser(ctx, userId, RECOVERY_PROVED_EMAIL);
  if (await ctx.stores.users.markEmailVerified(userId, email)) logAuthEvent(ctx, "email.verified", { userId, reason: RECOVERY_PROVED_EMAIL });
}
