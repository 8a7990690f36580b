/**
 * What the first proof of an account's address does to it: a passkey recovery link
 * (webauthn/recovery-takeover.ts) or a password reset link (passwordreset/reset-password.ts)
 * followed on an account whose address nobody had proven before.
 *
 * The pre-registration attack: an attacker signs up under the victim's address (with a password
 * or a passkey); a sign-up proves no address, so it stays unverified. Signed in, the attacker
 * can add ways in and factors: a passkey, an authenticator app and recovery codes, organizations
 * and invitations sent from them. An account given the address by an email change
 * (`updateEmail`, server-side; the address is then unverified) also keeps what its registrant
 * had before: provider identities, a passwordless account. The victim, refused at sign-up,
 * proves the address with an emailed link; without the removals below, the attacker would still
 * sign in to the account the victim now uses (a passkey, a provider), keep recovery codes for it,
 * or lock the victim out (an authenticator MFA asks the victim for), or come back in through an
 * invitation sent in the victim's name.
 *
 * So whoever proves the address takes the account from whoever registered it unproven: every
 * session ends, every passkey (but the one a recovery just added), every provider identity, the
 * passwordless account (email or phone), every authenticator device and recovery code goes, the
 * invitations the user sent are revoked, and the address is marked verified. The caller has set
 * the password first: the owner's new one (a reset), or one nobody knows (a recovery). The owner
 * links a provider again by signing in with it (the address is verified now), and sets up a
 * second factor again. An account whose address was verified already keeps all of it.
 *
 * Order against what is in flight: the password is replaced before, then the sessions are
 * revoked, then the ways in and factors go, then the sessions are revoked again. A password
 * sign-in writes its session only while the hash it verified is still stored
 * (SessionStore.createSession); a passkey, provider or phone sign-in looks for its passkey,
 * identity or number again once its session is written and ends the session if it is gone
 * (webauthn/sign-in-up.ts, `endSessionOfRemovedWayIn` in start-session.ts). So a sign-in either
 * writes before the last revocation, and is revoked by it, or is refused.
 *
 * What a signed-in registrant adds may have passed its session check before the first
 * revocation and write after it. So each of these looks again once it has written
 * (`isLiveSession`, session/session-liveness.ts) and is kept only if its session still exists:
 * a passkey (webauthn/credentials.ts), an authenticator (totp/totp-devices.ts) and its first
 * code (totp/verify-totp.ts), an invitation (organizations/invitations.ts). Written before the
 * first revocation, it is removed with the others below; after it, it finds its session gone and
 * undoes itself (the invitation before its email goes), answering as for a revoked session.
 * Recovery codes (mfa/recovery-codes.ts) are written only while their session is live, checked
 * in the write itself and ordered against the revocation: a set made by the owner after the
 * takeover is never replaced by the registrant's late write.
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import { revokeAllSessionsForUser } from "../session/session-revocation";

/** The `reason` of every event a takeover logs: which link proved the address. */
export const RECOVERY_PROVED_EMAIL = "RECOVERY_PROVED_EMAIL";
export const PASSWORD_RESET_PROVED_EMAIL = "PASSWORD_RESET_PROVED_EMAIL";
export type AddressProof = typeof RECOVERY_PROVED_EMAIL | typeof PASSWORD_RESET_PROVED_EMAIL;

export interface UnprovenAccountTakeover {
  userId: string;
  /** The address the link proved: marked verified last, if it is still the user's. */
  email: string;
  reason: AddressProof;
  /** The passkey the recovery just added with the link: the owner's. */
  keepPasskeyId?: string;
  /** The session the link's request came with (a reset from a signed-in tab): the link holder's. */
  keepSessionHandle?: string;
  /**
   * Everything but the mark of the address: for a pass before the caller's own write (a reset,
   * before the new password is stored), whose failure must leave the address unproven so that
   * the next link takes the account over again. The pass after it marks it.
   */
  leaveUnverified?: boolean;
}

/** Takes the account over for whoever proved its address (see above); returns the revoked session handles. */
export async function takeOverUnprovenAccount(ctx: EngineContext, input: UnprovenAccountTakeover): Promise<string[]> {
  const { userId, reason } = input;
  // Sessions end first and again last: what a session adds (a passkey, an authenticator, recovery
  // codes, an invitation) needs its session after the write, and a sign-in's session written
  // after the removals is revoked below.
  const revoked = await revokeSessionsOfRegistrant(ctx, input);
  const passkeys = (await ctx.stores.webauthn.listCredentials(userId)).filter((c) => c.id !== input.keepPasskeyId);
  for (const passkey of passkeys) await ctx.stores.webauthn.deleteCredential({ id: passkey.id, userId });
  if (passkeys.length > 0) logAuthEvent(ctx, "webauthn.credential_removed", { userId, reason, count: passkeys.length });
  const identities = await ctx.stores.thirdParty.deleteAccountsForUser(userId);
  if (identities > 0) logAuthEvent(ctx, "thirdparty.identity_removed", { userId, reason, count: identities });
  if (await ctx.stores.passwordless.deleteAccountForUser(userId)) logAuthEvent(ctx, "passwordless.account_removed", { userId, reason });
  const devices = await ctx.stores.mfa.deleteTotpDevicesForUser(userId);
  const recoveryCodes = await ctx.stores.mfa.deleteRecoveryCodesForUser(userId);
  if (devices + recoveryCodes > 0) logAuthEvent(ctx, "mfa.factor_removed", { userId, reason, count: devices });
  await revokeInvitationsSentBy(ctx, userId, reason);
  revoked.push(...(await revokeSessionsOfRegistrant(ctx, input)));
  if (input.leaveUnverified) return [...new Set(revoked)];
  if (await ctx.stores.users.markEmailVerified(userId, input.email)) logAuthEvent(ctx, "email.verified", { userId, reason });
  return [...new Set(revoked)];
}

/** Every session of the user but `keepSessionHandle`, logged as one revocation with the reason. */
async function revokeSessionsOfRegistrant(ctx: EngineContext, input: UnprovenAccountTakeover): Promise<string[]> {
  const { userId, reason, keepSessionHandle } = input;
  if (keepSessionHandle === undefined) return revokeAllSessionsForUser(ctx, userId, reason);
  const others = (await ctx.stores.sessions.listSessionHandlesForUser(userId, ctx.now())).filter((h) => h !== keepSessionHandle);
  const revoked = others.length > 0 ? await ctx.stores.sessions.deleteSessions(others) : [];
  if (revoked.length > 0) logAuthEvent(ctx, "session.revoked", { userId, count: revoked.length, reason });
  return revoked;
}

/**
 * Invitations speak for their inviter (organizations/invitations.ts): one the registrant sent
 * from an organization it made here, to an address of its own, would bring it back in beside
 * the owner once accepted. Every open one this user sent is revoked.
 */
async function revokeInvitationsSentBy(ctx: EngineContext, userId: string, reason: AddressProof): Promise<void> {
  const now = ctx.now();
  for (const { organization } of await ctx.stores.organizations.listMembershipsOfUser(userId)) {
    let revoked = 0;
    for (const invitation of await ctx.stores.organizations.listOpenInvitations(organization.id, now)) {
      if (invitation.invitedBy === userId && (await ctx.stores.organizations.revokeInvitation(organization.id, invitation.id, now))) revoked++;
    }
    if (revoked > 0) logAuthEvent(ctx, "organization.invitation_revoked", { userId, organizationId: organization.id, reason, count: revoked });
  }
}
