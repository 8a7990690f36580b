import type { UserRow } from "../ports";
import {
  OWNER_ROLE,
  type ChangeMemberResult,
  type OrganizationInvitationRow,
  type OrganizationMemberRow,
  type OrganizationRow,
  type OrganizationStore,
} from "../ports/organization-store";

const clone = <T>(value: T): T => structuredClone(value);
const memberKey = (organizationId: string, userId: string) => `${organizationId}\u0000${userId}`;
const isOpen = (i: OrganizationInvitationRow, now: Date) => i.acceptedAt === null && i.revokedAt === null && i.expiresAt > now;

/**
 * OrganizationStore in memory, over the memory user store's map (a deleted user's memberships
 * go with it, as ON DELETE CASCADE does). Each method runs without an await between its check
 * and its write, which is what makes it atomic here.
 */
export function createMemoryOrganizationStore(
  users: Map<string, UserRow>,
  /** Shared with the sealed-secret store (memory-sealed-secret-store.ts). */
  organizations = new Map<string, OrganizationRow>(),
): OrganizationStore {
  const members = new Map<string, OrganizationMemberRow>();
  const invitations = new Map<string, OrganizationInvitationRow>();

  const live = (m: OrganizationMemberRow) => users.has(m.userId) && organizations.has(m.organizationId);
  const member = (organizationId: string, userId: string) => {
    const row = members.get(memberKey(organizationId, userId));
    return row && live(row) ? row : undefined;
  };
  const change = (organizationId: string, userId: string, apply: (row: OrganizationMemberRow) => void): ChangeMemberResult => {
    const row = member(organizationId, userId);
    if (!row) return { status: "NOT_A_MEMBER" };
    if (row.role === OWNER_ROLE) return { status: "MEMBER_IS_OWNER" };
    apply(row);
    return { status: "OK" };
  };

  const membershipsOf = (userId: string) =>
    [...members.values()]
      .filter((m) => m.userId === userId && live(m))
      .sort((a, b) => (a.organizationId < b.organizationId ? -1 : 1))
      .map((m) => ({ membership: clone(m), organization: clone(organizations.get(m.organizationId)!) }));

  return {
    async createOrganization({ organization, ownerUserId }) {
      if (organizations.has(organization.id)) return { status: "ORGANIZATION_ALREADY_EXISTS" };
      if (!users.has(ownerUserId)) return { status: "UNKNOWN_USER" };
      organizations.set(organization.id, clone(organization));
      const owner = { organizationId: organization.id, userId: ownerUserId, role: OWNER_ROLE, joinedAt: organization.createdAt };
      members.set(memberKey(organization.id, ownerUserId), owner);
      return { status: "OK" };
    },
    async getOrganization(id) {
      const row = organizations.get(id);
      return row ? clone(row) : null;
    },
    async listOrganizations({ limit, afterId }) {
      return [...organizations.values()]
        .filter((o) => afterId === undefined || o.id > afterId)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map(clone);
    },
    async listOrganizationsRequiringSecondaryFactors(limit) {
      const ids = [...organizations.values()]
        .filter((o) => (o.loginMethods?.requiredSecondaryFactors?.length ?? 0) > 0)
        .map((o) => o.id)
        .sort();
      return { ids: ids.slice(0, limit), total: ids.length };
    },
    async updateOrganization(id, { name, loginMethods }) {
      const row = organizations.get(id);
      if (!row) return false;
      if (name !== undefined) row.name = name;
      if (loginMethods !== undefined) row.loginMethods = clone(loginMethods);
      return true;
    },
    async deleteOrganization(id) {
      if (!organizations.delete(id)) return false;
      for (const [key, row] of members) if (row.organizationId === id) members.delete(key);
      for (const [key, row] of invitations) if (row.organizationId === id) invitations.delete(key);
      return true;
    },
    async getOrganizationWithMembership(organizationId, userId) {
      const organization = organizations.get(organizationId);
      if (!organization) return null;
      const row = member(organizationId, userId);
      return { organization: clone(organization), membership: row ? clone(row) : null, memberEmail: row ? (users.get(userId)?.email ?? null) : null };
    },
    async getMembership(organizationId, userId) {
      const row = member(organizationId, userId);
      return row ? clone(row) : null;
    },
    async listMembers(organizationId) {
      return [...members.values()]
        .filter((m) => m.organizationId === organizationId && live(m))
        .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || (a.userId < b.userId ? -1 : 1))
        .map(clone);
    },
    async countMembers(organizationIds) {
      const counts = new Map<string, number>();
      for (const m of members.values()) {
        if (organizationIds.includes(m.organizationId) && live(m)) counts.set(m.organizationId, (counts.get(m.organizationId) ?? 0) + 1);
      }
      return counts;
    },
    async listMembershipsOfUser(userId) {
      return membershipsOf(userId);
    },
    async getUserWithOrganizations(userId) {
      const user = users.get(userId);
      if (!user) return null;
      return {
        user: clone(user),
        organizations: membershipsOf(userId).map(({ organization }) => ({ id: organization.id, name: organization.name })),
      };
    },
    async addMember(row) {
      if (!organizations.has(row.organizationId) || !users.has(row.userId)) return { status: "UNKNOWN_ORGANIZATION_OR_USER" };
      if (member(row.organizationId, row.userId)) return { status: "ALREADY_MEMBER" };
      members.set(memberKey(row.organizationId, row.userId), clone(row));
      return { status: "OK" };
    },
    async setMemberRole(organizationId, userId, role) {
      return change(organizationId, userId, (row) => (row.role = role));
    },
    async removeMember(organizationId, userId) {
      return change(organizationId, userId, () => members.delete(memberKey(organizationId, userId)));
    },
    async transferOwnership({ organizationId, fromUserId, toUserId, formerOwnerRole }) {
      const from = member(organizationId, fromUserId);
      if (!from || from.role !== OWNER_ROLE) return { status: "NOT_THE_OWNER" };
      const to = member(organizationId, toUserId);
      if (!to || to.role === OWNER_ROLE) return { status: "NOT_A_MEMBER" };
      from.role = formerOwnerRole;
      to.role = OWNER_ROLE;
      return { status: "OK" };
    },
    async createInvitation(invitation) {
      if (!organizations.has(invitation.organizationId)) return false;
      for (const row of invitations.values()) {
        if (row.organizationId === invitation.organizationId && row.email === invitation.email && isOpen(row, invitation.createdAt)) {
          row.revokedAt = invitation.createdAt;
        }
      }
      invitations.set(invitation.id, clone(invitation));
      return true;
    },
    async findInvitationByTokenHash(tokenHash) {
      const row = [...invitations.values()].find((i) => i.tokenHash === tokenHash);
      return row ? clone(row) : null;
    },
    async deleteInvitationsExpiredBefore(before) {
      const expired = [...invitations.values()].filter((i) => i.expiresAt.getTime() <= before.getTime());
      expired.forEach((i) => invitations.delete(i.id));
      return expired.length;
    },
    async listOpenInvitations(organizationId, now) {
      return [...invitations.values()]
        .filter((i) => i.organizationId === organizationId && isOpen(i, now))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        .map(clone);
    },
    async revokeInvitation(organizationId, invitationId, now) {
      const row = invitations.get(invitationId);
      if (!row || row.organizationId !== organizationId || !isOpen(row, now)) return false;
      row.revokedAt = now;
      return true;
    },
    async acceptInvitation({ tokenHash, userId, now }) {
      const row = [...invitations.values()].find((i) => i.tokenHash === tokenHash);
      if (!row || !isOpen(row, now) || !users.has(userId)) return { status: "INVITATION_NOT_OPEN" };
      row.acceptedAt = now;
      row.acceptedBy = userId;
      const existing = member(row.organizationId, userId);
      if (existing) return { status: "OK", invitation: clone(row), membership: clone(existing), wasAlreadyMember: true };
      const membership = { organizationId: row.organizationId, userId, role: row.role, joinedAt: now };
      members.set(memberKey(row.organizationId, userId), membership);
      return { status: "OK", invitation: clone(row), membership: clone(membership), wasAlreadyMember: false };
    },
  };
}
