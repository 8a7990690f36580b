/** OrganizationStore on Prisma: organizations (tenants), their members and invitations. */
import { OWNER_ROLE, type OrganizationStore, type TenantLoginMethods } from "../auth/ports/organization-store";
import { providerOfClient, type GatehousePrismaClient, type PrismaClientSource } from "./prisma-client";
import { raw, sql } from "./sql-statements";
import { isForeignKeyViolation, isUniqueViolation, retryOnWriteConflict } from "./prisma-errors";
import { toJsonColumn } from "./json-column";
import { toInvitation, toMember } from "./prisma-organization-rows";
import { getOrganizationWithMembership, getUserWithOrganizations, listMembershipsOfUser, toOrganization } from "./prisma-membership-reads";

const REQUIRED_SECONDARY_FACTORS_LISTED = '"requiredSecondaryFactors":["';
const loginMethodsColumn = (value: TenantLoginMethods | null) => (value === null ? null : toJsonColumn({ ...value }));
const openAt = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

/** Thrown inside a transaction to roll it back with an expected outcome. */
class Outcome<T> extends Error {
  constructor(readonly result: T) {
    super("rolled back");
  }
}

type Tx = Parameters<Parameters<GatehousePrismaClient["$transaction"]>[0]>[0];

/**
 * The membership of exactly `userId`, or null. On MySQL ("ABC…" = "abc…" = "abc… ") a write keyed
 * by another spelling reached the member while the exact comparisons around it (the engine's "not
 * to yourself", the member's sessions inside) did not; so each write first finds its member here.
 * The key allows one spelling-insensitive id per organization: the write then reaches this row.
 */
async function exactMember(prisma: Tx, organizationId: string, userId: string) {
  const row = await prisma.organizationMember.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
  return row && row.organizationId === organizationId && row.userId === userId ? row : null;
}

export function createPrismaOrganizationStore(client: PrismaClientSource): OrganizationStore {
  // The member's role decides whether a change is allowed: reported after a count of 0.
  async function whyUnchanged(organizationId: string, userId: string) {
    const member = await exactMember(await client(), organizationId, userId);
    return member ? ({ status: "MEMBER_IS_OWNER" } as const) : ({ status: "NOT_A_MEMBER" } as const);
  }

  return {
    async createOrganization({ organization, ownerUserId }) {
      const prisma = await client();
      try {
        await prisma.organization.create({
          data: {
            id: organization.id,
            name: organization.name,
            loginMethods: loginMethodsColumn(organization.loginMethods),
            createdAt: organization.createdAt,
            members: { create: { userId: ownerUserId, role: OWNER_ROLE, joinedAt: organization.createdAt } },
          },
        });
        return { status: "OK" };
      } catch (error) {
        if (isUniqueViolation(error)) return { status: "ORGANIZATION_ALREADY_EXISTS" };
        if (isForeignKeyViolation(error)) return { status: "UNKNOWN_USER" };
        throw error;
      }
    },

    async getOrganization(id) {
      const prisma = await client();
      const row = await prisma.organization.findUnique({ where: { id } });
      // Compared again exactly: MySQL's default collation matches regardless of case.
      return row && row.id === id ? toOrganization(row) : null;
    },

    async listOrganizations({ limit, afterId }) {
      const prisma = await client();
      const rows = await prisma.organization.findMany({
        where: afterId === undefined ? {} : { id: { gt: afterId } },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(toOrganization);
    },

    async listOrganizationsRequiringSecondaryFactors(limit) {
      const prisma = await client();
      // The column holds JSON.stringify's output, where this text can only be the key of a
      // non-empty list (a quote inside a string value is escaped): a scan of the organizations
      // alone, matching rows' slugs only, however many users there are.
      const where = { loginMethods: { contains: REQUIRED_SECONDARY_FACTORS_LISTED } };
      const [rows, total] = await prisma.$transaction([
        prisma.organization.findMany({ where, select: { id: true }, orderBy: { id: "asc" }, take: limit }),
        prisma.organization.count({ where }),
      ]);
      return { ids: rows.map((row) => row.id), total };
    },

    async updateOrganization(id, change) {
      const prisma = await client();
      const data: { name?: string; loginMethods?: string | null } = {};
      if (change.name !== undefined) data.name = change.name;
      if (change.loginMethods !== undefined) data.loginMethods = loginMethodsColumn(change.loginMethods);
      const { count } = await prisma.organization.updateMany({ where: { id }, data });
      return count === 1;
    },

    async deleteOrganization(id) {
      const prisma = await client();
      // Memberships and invitations go with it (ON DELETE CASCADE), in the same statement.
      // Either side of a deadlock with a concurrent accept may be the one aborted (P2034): retried.
      const { count } = await retryOnWriteConflict(() => prisma.organization.deleteMany({ where: { id } }));
      return count === 1;
    },

    async getMembership(organizationId, userId) {
      const prisma = await client();
      const row = await prisma.organizationMember.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
      return row && row.organizationId === organizationId && row.userId === userId ? toMember(row) : null;
    },

    async getOrganizationWithMembership(organizationId, userId) {
      return getOrganizationWithMembership(await client(), organizationId, userId);
    },

    async listMembers(organizationId) {
      const prisma = await client();
      const rows = await prisma.organizationMember.findMany({ where: { organizationId }, orderBy: [{ joinedAt: "asc" }, { userId: "asc" }] });
      return rows.map(toMember);
    },

    async countMembers(organizationIds) {
      if (organizationIds.length === 0) return new Map();
      const prisma = await client();
      // One GROUP BY over the primary key's leading column, whatever the page's size.
      const rows = await prisma.organizationMember.groupBy({
        by: ["organizationId"],
        where: { organizationId: { in: organizationIds } },
        _count: { _all: true },
      });
      return new Map(rows.map((row) => [row.organizationId, row._count._all]));
    },

    async listMembershipsOfUser(userId) {
      return listMembershipsOfUser(await client(), userId);
    },

    async getUserWithOrganizations(userId) {
      return getUserWithOrganizations(await client(), userId);
    },

    async addMember(row) {
      const prisma = await client();
      try {
        await prisma.organizationMember.create({ data: toMember(row) });
        return { status: "OK" };
      } catch (error) {
        // The primary key decides races: of concurrent adds exactly one insert commits.
        if (isUniqueViolation(error)) return { status: "ALREADY_MEMBER" };
        if (isForeignKeyViolation(error)) return { status: "UNKNOWN_ORGANIZATION_OR_USER" };
        throw error;
      }
    },

    async setMemberRole(organizationId, userId, role) {
      const prisma = await client();
      if (!(await exactMember(prisma, organizationId, userId))) return { status: "NOT_A_MEMBER" };
      // The owner is excluded in the UPDATE itself, so a concurrent transfer cannot slip between a check and the write.
      const { count } = await prisma.organizationMember.updateMany({ where: { organizationId, userId, role: { not: OWNER_ROLE } }, data: { role } });
      return count === 1 ? { status: "OK" } : whyUnchanged(organizationId, userId);
    },

    async removeMember(organizationId, userId) {
      const prisma = await client();
      if (!(await exactMember(prisma, organizationId, userId))) return { status: "NOT_A_MEMBER" };
      const { count } = await prisma.organizationMember.deleteMany({ where: { organizationId, userId, role: { not: OWNER_ROLE } } });
      return count === 1 ? { status: "OK" } : whyUnchanged(organizationId, userId);
    },

    async transferOwnership({ organizationId, fromUserId, toUserId, formerOwnerRole }) {
      const prisma = await client();
      try {
        await prisma.$transaction(async (tx) => {
          // The first UPDATE locks the owner's row: a concurrent transfer waits, then finds no owner to demote.
          const demoted = await tx.organizationMember.updateMany({
            where: { organizationId, userId: fromUserId, role: OWNER_ROLE },
            data: { role: formerOwnerRole },
          });
          if (demoted.count !== 1 || !(await exactMember(tx, organizationId, fromUserId))) throw new Outcome({ status: "NOT_THE_OWNER" } as const);
          // The owner is no member to hand it to (the UPDATE below would find their row, just demoted).
          if (toUserId === fromUserId || !(await exactMember(tx, organizationId, toUserId))) throw new Outcome({ status: "NOT_A_MEMBER" } as const);
          const promoted = await tx.organizationMember.updateMany({
            where: { organizationId, userId: toUserId, role: { not: OWNER_ROLE } },
            data: { role: OWNER_ROLE },
          });
          if (promoted.count !== 1) throw new Outcome({ status: "NOT_A_MEMBER" } as const);
        });
        return { status: "OK" };
      } catch (error) {
        if (error instanceof Outcome) return error.result as { status: "NOT_THE_OWNER" } | { status: "NOT_A_MEMBER" };
        throw error;
      }
    },

    async createInvitation(invitation) {
      const prisma = await client();
      const provider = providerOfClient(prisma);
      const { organizationId, email, createdAt } = invitation;
      // Two invitations to one address at once each revoked the open ones they could see, not
      // each other (PostgreSQL's read committed), and both stayed open. Sends for one
      // organization take turns on its row (PostgreSQL's NO KEY UPDATE leaves the accepts'
      // foreign-key checks free); SQLite's writers take turns anyway. An unknown organization
      // locks nothing, and the INSERT's foreign key refuses it.
      const lock = provider === "postgresql" ? raw("FOR NO KEY UPDATE") : raw("FOR UPDATE");
      try {
        // Retried as acceptInvitation is: a concurrent deletion of the organization may deadlock with it.
        await retryOnWriteConflict(() =>
          prisma.$transaction([
            // Not on SQLite, which needs no lock: with this statement in it, the batch was seen to
            // give up waiting for the connection under load (P2028, invitation-race.db.test.ts).
            ...(provider === "sqlite" ? [] : [prisma.$queryRaw(sql`SELECT id FROM organizations WHERE id = ${organizationId} ${lock}`)]),
            prisma.organizationInvitation.updateMany({
              where: { organizationId, email, ...openAt(createdAt) },
              data: { revokedAt: createdAt },
            }),
            prisma.organizationInvitation.create({ data: toInvitation(invitation) }),
          ]),
        );
        return true;
      } catch (error) {
        if (isForeignKeyViolation(error)) return false;
        throw error;
      }
    },

    async findInvitationByTokenHash(tokenHash) {
      const prisma = await client();
      const row = await prisma.organizationInvitation.findUnique({ where: { tokenHash } });
      return row && row.tokenHash === tokenHash ? toInvitation(row) : null;
    },

    async deleteInvitationsExpiredBefore(before) {
      const prisma = await client();
      // No index on expires_at: a scan, hourly, of a table this keeps to about a week of invitations.
      const { count } = await prisma.organizationInvitation.deleteMany({ where: { expiresAt: { lte: before } } });
      return count;
    },

    async listOpenInvitations(organizationId, now) {
      const prisma = await client();
      const rows = await prisma.organizationInvitation.findMany({
        where: { organizationId, ...openAt(now) },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      });
      return rows.map(toInvitation);
    },

    async revokeInvitation(organizationId, invitationId, now) {
      const prisma = await client();
      const { count } = await prisma.organizationInvitation.updateMany({
        where: { id: invitationId, organizationId, ...openAt(now) },
        data: { revokedAt: now },
      });
      return count === 1;
    },

    async acceptInvitation({ tokenHash, userId, now }) {
      const prisma = await client();
      try {
        // A deletion of the organization running at the same time locks the same rows in the
        // other order (organization, then its invitations): the database aborts one of the two
        // as a deadlock (P2034), and the retry finds the invitation gone.
        return await retryOnWriteConflict(() =>
          prisma.$transaction(async (tx) => {
            // Single use: the conditional UPDATE decides. Of concurrent accepts the database lets
            // exactly one change the row; the others wait for it, re-check, and count 0.
            const { count } = await tx.organizationInvitation.updateMany({
              where: { tokenHash, ...openAt(now) },
              data: { acceptedAt: now, acceptedBy: userId },
            });
            if (count !== 1) throw new Outcome({ status: "INVITATION_NOT_OPEN" } as const);
            const invitation = await tx.organizationInvitation.findUnique({ where: { tokenHash } });
            if (!invitation) throw new Outcome({ status: "INVITATION_NOT_OPEN" } as const);
            const key = { organizationId_userId: { organizationId: invitation.organizationId, userId } };
            const existing = await tx.organizationMember.findUnique({ where: key });
            if (existing)
              return { status: "OK", invitation: toInvitation(invitation), membership: toMember(existing), wasAlreadyMember: true } as const;
            const membership = { organizationId: invitation.organizationId, userId, role: invitation.role, joinedAt: now };
            await tx.organizationMember.create({ data: membership });
            return { status: "OK", invitation: toInvitation(invitation), membership, wasAlreadyMember: false } as const;
          }),
        );
      } catch (error) {
        if (error instanceof Outcome) return error.result as { status: "INVITATION_NOT_OPEN" };
        // Another invitation made this user a member between our read and insert: nothing was written.
        if (isUniqueViolation(error)) return { status: "RETRY" };
        // The user or the organization was deleted meanwhile.
        if (isForeignKeyViolation(error)) return { status: "INVITATION_NOT_OPEN" };
        throw error;
      }
    },
  };
}
