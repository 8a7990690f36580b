/**
 * A member's and an invitation's row as the organization store hands them out and writes them:
 * exactly the port's fields, whatever other columns Prisma's row carries.
 */
import type { OrganizationInvitationRow, OrganizationMemberRow } from "../auth/ports/organization-store";

export const toMember = (m: OrganizationMemberRow): OrganizationMemberRow => ({
  organizationId: m.organizationId,
  userId: m.userId,
  role: m.role,
  joinedAt: m.joinedAt,
});
export const toInvitation = (i: OrganizationInvitationRow): OrganizationInvitationRow => ({
  id: i.id,
  organizationId: i.organizationId,
  email: i.email,
  role: i.role,
  tokenHash: i.tokenHash,
  invitedBy: i.invitedBy,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
  acceptedAt: i.acceptedAt,
  acceptedBy: i.acceptedBy,
  revokedAt: i.revokedAt,
});
