/**
 * Invitations by email: an owner or admin invites an address with a role; the link carries a
 * random token of which only the sha256 is stored; the invitee signs up or signs in with that
 * address and accepts. An invitation expires, works once (the store decides races) and can be
 * revoked until it is accepted.
 */
import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { deliverEmail } from "../email/send-email";
import { createEmailToken, hashEmailToken, MAX_EMAIL_TOKEN_LENGTH } from "../email-tokens/email-token";
import { normaliseEmail, validateEmail } from "../emailpassword/credential-checks";
import { limitAttempt, type TooManyAttempts } from "../limits/rate-limit";
import { logAuthEvent } from "../log";
import { isLiveSession } from "../session/session-liveness";
import type { OrganizationInvitationRow, OrganizationMemberRow, OrganizationRow } from "../ports/organization-store";
import { hasFormatCharacter, isAddressDeliveredAsWritten, isEmailDomainAllowed, isSameMailbox, mailboxKey } from "./email-domains";
import { composeInvitationEmail, invitationLink } from "./invitation-email";
import { canManageMembers, isAssignableRole } from "./organization-names";
import { managerOf, type NotAllowed, type UnknownOrganization } from "./organizations";

/** How long an invitation stays open: 7 days. */
export const INVITATION_TTL_SECONDS = 7 * 86_400;
/**
 * Invitation emails one address may be sent per hour, by every organization together (as many as
 * password-reset emails), and invitations one member may send per hour. Mail bombing: anyone may
 * create an organization and so invite, and each invitation is an email from the app, with the
 * organization's name (its creator's words) in its subject, to any address; without a count one
 * account could flood an inbox, or spray thousands, through the app's own mail server.
 */
export const INVITATIONS_PER_EMAIL = { points: 5, durationSeconds: 3600 };
export const INVITATIONS_PER_INVITER = { points: 100, durationSeconds: 3600 };

export type InviteResult =
  | { status: "OK"; invitationId: string }
  | UnknownOrganization
  | NotAllowed
  | { status: "EMAIL_INVALID" | "ROLE_INVALID" | "EMAIL_DOMAIN_NOT_ALLOWED" }
  | { status: "GENERAL_ERROR"; message: string }
  /** The address, or the inviter, has been sent (has sent) as many invitations as an hour allows. */
  | TooManyAttempts
  /** `sessionHandle` ended while the invitation was written: it is revoked again, and no email goes. */
  | { status: "UNKNOWN_SESSION_ERROR" };

/**
 * Whether an invitation may go to `email`: an address as written, or one whose only fault is a
 * format character (isAddressDeliveredAsWritten refuses them in new addresses) when a user holds
 * exactly that address already, signed up before the rule: that user is invited as before, and
 * no new spelling of somebody else's mailbox is. Compared again exactly: a case- and
 * accent-insensitive collation (MariaDB) may ignore the format character in the lookup.
 */
async function mayBeInvited(ctx: EngineContext, email: string): Promise<boolean> {
  if (isAddressDeliveredAsWritten(email)) return true;
  if (!hasFormatCharacter(email) || !isAddressDeliveredAsWritten(email.replace(/\p{Cf}/gu, ""))) return false;
  const address = normaliseEmail(email);
  return (await ctx.stores.thirdParty.findUserByEmail(address))?.email === address;
}

/**
 * Invites `email` to the organization with `role` and emails the link; a newer invitation to the
 * same address replaces an open one.
 *
 * `sessionHandle`: the session inviting, when a signed-in user does. The invitation stands only
 * if that session still exists once it is written: a takeover of an unproven account
 * (users/unproven-account-takeover.ts) revokes the sessions, then the invitations the user sent,
 * and one written after that by a request that passed its session check before would bring the
 * registrant back in, in the owner's name. It is revoked before its link is sent.
 */
export async function inviteMember(
  ctx: EngineContext,
  input: { organizationId: string; userId: string; email: string; role: string; sessionHandle?: string },
): Promise<InviteResult> {
  // As a sign-up's address (isAddressDeliveredAsWritten): "x,victim@corp.com" or "group:victim@corp.com;"
  // is mailed to victim@corp.com alone, and each spelling was a count of its own: mail bombing past
  // the per-address limit below.
  if (validateEmail(input.email) !== undefined || !(await mayBeInvited(ctx, input.email))) return { status: "EMAIL_INVALID" };
  if (!isAssignableRole(input.role)) return { status: "ROLE_INVALID" };
  const manager = await managerOf(ctx, input.organizationId, input.userId);
  if (manager.status !== "OK") return manager;
  const organization = await ctx.stores.organizations.getOrganization(input.organizationId);
  if (!organization) return { status: "UNKNOWN_ORGANIZATION" };
  const email = normaliseEmail(input.email);
  if (!isEmailDomainAllowed(organization.loginMethods, email)) return { status: "EMAIL_DOMAIN_NOT_ALLOWED" };
  // Counted once the invitation would be sent, so that a stranger's refused calls spend nobody's count.
  const limited =
    (await limitAttempt(ctx, "organization-invitation-email", INVITATIONS_PER_EMAIL, mailboxKey(email))) ??
    (await limitAttempt(ctx, "organization-invitations-sent", INVITATIONS_PER_INVITER, input.userId));
  if (limited) return limited;

  const token = createEmailToken();
  const now = ctx.now();
  const invitation: OrganizationInvitationRow = {
    id: randomUUID(),
    organizationId: organization.id,
    email,
    role: input.role,
    tokenHash: hashEmailToken(token),
    invitedBy: input.userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000),
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  };
  if (!(await ctx.stores.organizations.createInvitation(invitation))) return { status: "UNKNOWN_ORGANIZATION" };
  if (input.sessionHandle !== undefined && !(await isLiveSession(ctx, input.sessionHandle, input.userId))) {
    await ctx.stores.organizations.revokeInvitation(organization.id, invitation.id, ctx.now());
    const fields = { userId: input.userId, organizationId: organization.id, reason: "SESSION_ENDED" };
    logAuthEvent(ctx, "organization.invitation_revoked", fields, "warn");
    return { status: "UNKNOWN_SESSION_ERROR" };
  }
  logAuthEvent(ctx, "organization.invited", { userId: input.userId, organizationId: organization.id, role: input.role });
  const sent = await deliverEmail(
    ctx,
    composeInvitationEmail(ctx, {
      to: email,
      organizationName: organization.name,
      role: input.role,
      link: invitationLink(ctx, token),
      ttlSeconds: INVITATION_TTL_SECONDS,
    }),
  );
  return sent.status === "OK" ? { status: "OK", invitationId: invitation.id } : sent;
}

/** The open invitations, for owners and admins. */
export async function listOpenInvitations(
  ctx: EngineContext,
  input: { organizationId: string; userId: string },
): Promise<{ status: "OK"; invitations: Omit<OrganizationInvitationRow, "tokenHash">[] } | UnknownOrganization | NotAllowed> {
  const manager = await managerOf(ctx, input.organizationId, input.userId);
  if (manager.status !== "OK") return manager;
  const rows = await ctx.stores.organizations.listOpenInvitations(input.organizationId, ctx.now());
  return { status: "OK", invitations: rows.map(({ tokenHash: _hash, ...rest }) => rest) };
}

/** Revokes an open invitation of the organization, for owners and admins. */
export async function revokeInvitation(
  ctx: EngineContext,
  input: { organizationId: string; userId: string; invitationId: string },
): Promise<{ status: "OK" } | UnknownOrganization | NotAllowed | { status: "INVITATION_NOT_OPEN" }> {
  const manager = await managerOf(ctx, input.organizationId, input.userId);
  if (manager.status !== "OK") return manager;
  if (!(await ctx.stores.organizations.revokeInvitation(input.organizationId, input.invitationId, ctx.now()))) {
    return { status: "INVITATION_NOT_OPEN" };
  }
  logAuthEvent(ctx, "organization.invitation_revoked", { userId: input.userId, organizationId: input.organizationId });
  return { status: "OK" };
}

/**
 * An invitation still open (not accepted, revoked or expired), found by its link's token, with
 * its organization. It speaks for its inviter, so it is open only while the inviter may still
 * invite (an owner or admin of the organization): an admin removed or demoted must not come
 * back, or bring someone in, through an invitation sent before. And it is open only while the
 * tenant's `allowedEmailDomains` take the invited address: an operator narrowing them after it
 * went out would otherwise still let its invitee join, past the rule every sign-in, sign-up and
 * new invitation is held to.
 */
async function openInvitation(
  ctx: EngineContext,
  token: string,
): Promise<{ invitation: OrganizationInvitationRow; organization: OrganizationRow } | null> {
  if (token.length === 0 || token.length > MAX_EMAIL_TOKEN_LENGTH) return null;
  const invitation = await ctx.stores.organizations.findInvitationByTokenHash(hashEmailToken(token));
  if (!invitation || invitation.acceptedAt !== null || invitation.revokedAt !== null || invitation.expiresAt <= ctx.now()) return null;
  const [inviter, organization] = await Promise.all([
    ctx.stores.organizations.getMembership(invitation.organizationId, invitation.invitedBy),
    ctx.stores.organizations.getOrganization(invitation.organizationId),
  ]);
  if (!inviter || !canManageMembers(inviter.role) || !organization) return null;
  return isEmailDomainAllowed(organization.loginMethods, invitation.email) ? { invitation, organization } : null;
}

export type DescribeInvitationResult =
  { status: "OK"; organizationId: string; organizationName: string; email: string; role: string } | { status: "INVITATION_NOT_OPEN" };

/**
 * What an open invitation offers, for the page its link opens (`/auth/accept-invitation`):
 * the holder of the token may read it, since the token went by email to the invited address.
 * Nothing is used up: only accepting does that.
 */
export async function describeInvitation(ctx: EngineContext, token: string): Promise<DescribeInvitationResult> {
  const open = await openInvitation(ctx, token);
  if (!open) return { status: "INVITATION_NOT_OPEN" };
  const { invitation, organization } = open;
  return { status: "OK", organizationId: organization.id, organizationName: organization.name, email: invitation.email, role: invitation.role };
}

export type AcceptInvitationResult =
  | { status: "OK"; membership: OrganizationMemberRow; wasAlreadyMember: boolean }
  /** Unknown, used, revoked or expired, its inviter or its address no longer admitted; or an invitation of another organization than the one asked for. */
  | { status: "INVITATION_NOT_OPEN" }
  /** The signed-in user's email is not the invited one: sign in with the invited address. */
  | { status: "INVITATION_EMAIL_MISMATCH" };

/**
 * Accepts for the signed-in `userId`, whose email must be the invited one. `organizationId`,
 * when given (the tenant of the request), must be the invitation's: an invitation to tenant A
 * is refused on tenant B.
 *
 * The token came by email to the invited address, so accepting proves control of it, as a
 * verification link does: an unverified email of the user's is marked verified here.
 */
export async function acceptInvitation(
  ctx: EngineContext,
  input: { token: string; userId: string; organizationId?: string },
): Promise<AcceptInvitationResult> {
  const invitation = (await openInvitation(ctx, input.token))?.invitation;
  if (!invitation) return { status: "INVITATION_NOT_OPEN" };
  if (input.organizationId !== undefined && input.organizationId !== invitation.organizationId) return { status: "INVITATION_NOT_OPEN" };
  const user = await ctx.stores.users.getUserById(input.userId);
  // One mailbox, however it is written: an address stored before NFC (see `users normalise-emails`)
  // still matches, and so does its domain written as xn--.
  if (!user?.email || !isSameMailbox(user.email, invitation.email)) return { status: "INVITATION_EMAIL_MISMATCH" };

  // Verified before the invitation is used up, not after: these are separate writes, and a failure
  // between them (503) left it used, so that the retry was refused as not open. The token proved
  // the address whatever the accept below then finds.
  if (!user.emailVerified) await verifyInvitedEmail(ctx, input.userId, user.email);
  const accept = { tokenHash: invitation.tokenHash, userId: input.userId, now: ctx.now() };
  let accepted = await ctx.stores.organizations.acceptInvitation(accept);
  // A concurrent accept of another invitation made the user a member first: once more finds that membership.
  if (accepted.status === "RETRY") accepted = await ctx.stores.organizations.acceptInvitation(accept);
  if (accepted.status !== "OK") return { status: "INVITATION_NOT_OPEN" };
  if (!accepted.wasAlreadyMember) {
    logAuthEvent(ctx, "organization.member_joined", {
      userId: input.userId,
      organizationId: invitation.organizationId,
      role: accepted.membership.role,
    });
  }
  return { status: "OK", membership: accepted.membership, wasAlreadyMember: accepted.wasAlreadyMember };
}

/** Marks the invited address verified, as its verification link would have (lib/auth/emailverification/verify-email.ts). */
async function verifyInvitedEmail(ctx: EngineContext, userId: string, email: string): Promise<void> {
  // False when the email changed since the read above: then nothing is proven about the new one.
  if (!(await ctx.stores.users.markEmailVerified(userId, email))) return;
  // A verification link still in the inbox has nothing left to do.
  await ctx.stores.emailVerificationTokens.deleteTokensForUser(userId);
  logAuthEvent(ctx, "email.verified", { userId, reason: "INVITATION" });
}
