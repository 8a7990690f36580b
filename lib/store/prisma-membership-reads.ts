/**
 * The reads of a user's memberships, in plain SQL (sql-statements.ts): both run on every
 * signed-in page view of an app shell (the example header's greeting and organization
 * switcher), where the ORM's include made two statements, each planned in JavaScript.
 */
import type { OrganizationMemberRow, OrganizationRow, TenantLoginMethods } from "../auth/ports/organization-store";
import type { UserRow } from "../auth/ports/user-row";
import type { GatehousePrismaClient } from "./prisma-client";
import { fromJsonColumn } from "./json-column";
import { dateColumn } from "./sql-statements";
import { userFromColumns, type UserColumns } from "./prisma-user-store";

interface OrganizationColumns {
  id: string;
  name: string;
  loginMethods: string | null;
  createdAt: Date;
}

export const toOrganization = (o: OrganizationColumns): OrganizationRow => ({
  id: o.id,
  name: o.name,
  loginMethods: o.loginMethods === null ? null : (fromJsonColumn(o.loginMethods, "organizations.login_methods") as TenantLoginMethods),
  createdAt: o.createdAt,
});

interface MembershipJoinRow {
  organization_id: string;
  user_id: string;
  role: string;
  joined_at: unknown;
  name: string;
  login_methods: string | null;
  created_at: unknown;
}

export async function listMembershipsOfUser(
  prisma: GatehousePrismaClient,
  userId: string,
): Promise<{ membership: OrganizationMemberRow; organization: OrganizationRow }[]> {
  const rows = await prisma.$queryRaw<MembershipJoinRow[]>`
    SELECT m.organization_id, m.user_id, m.role, m.joined_at, o.name, o.login_methods, o.created_at
    FROM organization_members m JOIN organizations o ON o.id = m.organization_id
    WHERE m.user_id = ${userId} ORDER BY m.organization_id`;
  // Compared again exactly: MySQL's default collation matches regardless of case (and pads).
  return rows
    .filter((row) => row.user_id === userId)
    .map((row) => ({
      membership: {
        organizationId: row.organization_id,
        userId,
        role: row.role,
        joinedAt: dateColumn(row.joined_at, "organization_members.joined_at"),
      },
      organization: toOrganization({
        id: row.organization_id,
        name: row.name,
        loginMethods: row.login_methods,
        createdAt: dateColumn(row.created_at, "organizations.created_at"),
      }),
    }));
}

interface OrganizationMembershipRow {
  id: string;
  name: string;
  login_methods: string | null;
  created_at: unknown;
  member_user_id: string | null;
  role: string | null;
  joined_at: unknown;
  member_email: string | null;
}

/**
 * The organization with the user's membership of it (null: none) and the member's email in one
 * statement: what a refresh of a session inside the organization reads
 * (organizations/tenant-session.ts). The email comes through the membership, by the users
 * table's primary key, so that a tenant's domain rule costs the refresh no statement.
 */
export async function getOrganizationWithMembership(
  prisma: GatehousePrismaClient,
  organizationId: string,
  userId: string,
): Promise<{ organization: OrganizationRow; membership: OrganizationMemberRow | null; memberEmail: string | null } | null> {
  const rows = await prisma.$queryRaw<OrganizationMembershipRow[]>`
    SELECT o.id, o.name, o.login_methods, o.created_at, m.user_id AS member_user_id, m.role, m.joined_at, u.email AS member_email
    FROM organizations o LEFT JOIN organization_members m ON m.organization_id = o.id AND m.user_id = ${userId}
    LEFT JOIN users u ON u.id = m.user_id
    WHERE o.id = ${organizationId}`;
  // Compared again exactly: MySQL's default collation matches regardless of case.
  const row = rows.find((r) => r.id === organizationId);
  if (!row) return null;
  const organization = toOrganization({
    id: row.id,
    name: row.name,
    loginMethods: row.login_methods,
    createdAt: dateColumn(row.created_at, "organizations.created_at"),
  });
  const isMember = row.member_user_id === userId && row.role !== null;
  const membership = isMember
    ? { organizationId, userId, role: row.role!, joinedAt: dateColumn(row.joined_at, "organization_members.joined_at") }
    : null;
  return { organization, membership, memberEmail: membership ? row.member_email : null };
}

interface UserOrganizationRow extends UserColumns {
  /** Null on the one row of a user without organizations (the outer joins found none). */
  organization_id: string | null;
  organization_name: string | null;
}

/** The user and their organizations' ids and names in one statement: one row per organization, or one for none. */
export async function getUserWithOrganizations(
  prisma: GatehousePrismaClient,
  userId: string,
): Promise<{ user: UserRow; organizations: { id: string; name: string }[] } | null> {
  const rows = await prisma.$queryRaw<UserOrganizationRow[]>`
    SELECT u.id, u.email, u.email_verified, u.time_joined, o.id AS organization_id, o.name AS organization_name
    FROM users u
    LEFT JOIN organization_members m ON m.user_id = u.id
    LEFT JOIN organizations o ON o.id = m.organization_id
    WHERE u.id = ${userId} ORDER BY o.id`;
  const [first] = rows;
  if (!first) return null;
  const organizations = rows.flatMap((row) =>
    row.organization_id === null || row.organization_name === null ? [] : [{ id: row.organization_id, name: row.organization_name }],
  );
  return { user: userFromColumns(first), organizations };
}
