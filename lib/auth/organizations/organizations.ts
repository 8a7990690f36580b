/**
 * Organizations as their members use them: create, list mine, change a member's role, remove,
 * leave, transfer ownership, delete. Who may do what is decided here; the rules that must hold
 * under concurrency (one owner, nothing outliving its organization) are the store's.
 *
 * A caller who is not a member learns nothing about the organization: every use case answers
 * UNKNOWN_ORGANIZATION for it, whether or not the slug exists.
 */
import type { EngineContext } from "../context";
import { limitAttempt, refundRateLimit, type TooManyAttempts } from "../limits/rate-limit";
import { logAuthEvent } from "../log";
import { OWNER_ROLE, type OrganizationMemberRow, type OrganizationRow } from "../ports/organization-store";
import { removeMemberAndTheirSessions, type MemberRemoved } from "./member-removal";
import { deleteOrganizationAndItsSessions } from "./organization-deletion";
import { canManageMembers, checkSlug, cleanName, isAssignableRole, isOrganizationId, type SlugProblem } from "./organization-names";

export type UnknownOrganization = { status: "UNKNOWN_ORGANIZATION" };
/** The caller is a member whose role does not allow this. */
export type NotAllowed = { status: "NOT_ALLOWED" };

export type CreateOrganizationResult =
  | { status: "OK"; organization: OrganizationRow }
  | { status: SlugProblem | "NAME_INVALID" | "ORGANIZATION_ALREADY_EXISTS" | "UNKNOWN_USER_ID_ERROR" }
  | TooManyAttempts;

/**
 * Organizations one user may create per hour (while `rateLimits.enabled`). Anyone signed in may
 * create one, each is rows in three tables, and its slug is taken for good (a tenant id, never
 * renamed): without a count one signed-in script could grow the tables without bound and take
 * every name it fancies.
 */
export const ORGANIZATIONS_PER_CREATOR = { points: 10, durationSeconds: 3600 };

/** Creates an organization whose owner is `userId`. */
export async function createOrganization(
  ctx: EngineContext,
  input: { userId: string; slug: string; name: string },
): Promise<CreateOrganizationResult> {
  const problem = checkSlug(input.slug);
  if (problem) return { status: problem };
  const name = cleanName(input.name);
  if (name === undefined) return { status: "NAME_INVALID" };
  // Counted once the request is well formed, so that a refused slug or name spends nothing.
  if (ctx.config.rateLimits.enabled) {
    const limited = await limitAttempt(ctx, "organizations-created", ORGANIZATIONS_PER_CREATOR, input.userId);
    if (limited) return limited;
  }
  const organization: OrganizationRow = { id: input.slug, name, loginMethods: null, createdAt: ctx.now() };
  const created = await ctx.stores.organizations.createOrganization({ organization, ownerUserId: input.userId });
  // Nothing was created (the slug was taken, or the user is gone): the count is of organizations
  // made, so a user trying names already taken is not held back from making one.
  if (created.status !== "OK" && ctx.config.rateLimits.enabled) {
    await refundRateLimit(ctx, "organizations-created", ORGANIZATIONS_PER_CREATOR, input.userId);
  }
  if (created.status === "UNKNOWN_USER") return { status: "UNKNOWN_USER_ID_ERROR" };
  if (created.status !== "OK") return created;
  logAuthEvent(ctx, "organization.created", { userId: input.userId, organizationId: organization.id });
  return { status: "OK", organization };
}

/** The organizations `userId` belongs to, with their role in each. */
export async function listMyOrganizations(ctx: EngineContext, userId: string): Promise<{ organization: OrganizationRow; role: string }[]> {
  const rows = await ctx.stores.organizations.listMembershipsOfUser(userId);
  return rows.map(({ organization, membership }) => ({ organization, role: membership.role }));
}

/**
 * The caller's membership, or UNKNOWN_ORGANIZATION when there is none. What is no slug names no
 * organization (organization-names.ts) and is not asked of the store: the pages hand over their
 * path's segment as decoded, and PostgreSQL fails a query holding U+0000 (a 500 for a bad URL).
 */
export async function membershipOf(
  ctx: EngineContext,
  organizationId: string,
  userId: string,
): Promise<{ status: "OK"; membership: OrganizationMemberRow } | UnknownOrganization> {
  if (!isOrganizationId(organizationId)) return { status: "UNKNOWN_ORGANIZATION" };
  const membership = await ctx.stores.organizations.getMembership(organizationId, userId);
  return membership ? { status: "OK", membership } : { status: "UNKNOWN_ORGANIZATION" };
}

/** The caller's membership when its role may manage members. */
export async function managerOf(
  ctx: EngineContext,
  organizationId: string,
  userId: string,
): Promise<{ status: "OK"; membership: OrganizationMemberRow } | UnknownOrganization | NotAllowed> {
  const found = await membershipOf(ctx, organizationId, userId);
  if (found.status !== "OK") return found;
  return canManageMembers(found.membership.role) ? found : { status: "NOT_ALLOWED" };
}

export type ListMembersResult = { status: "OK"; organization: OrganizationRow; members: OrganizationMemberRow[] } | UnknownOrganization;

/** The organization and its members, for any member. */
export async function listMembers(ctx: EngineContext, input: { organizationId: string; userId: string }): Promise<ListMembersResult> {
  const found = await membershipOf(ctx, input.organizationId, input.userId);
  if (found.status !== "OK") return found;
  const [organization, members] = await Promise.all([
    ctx.stores.organizations.getOrganization(input.organizationId),
    ctx.stores.organizations.listMembers(input.organizationId),
  ]);
  return organization ? { status: "OK", organization, members } : { status: "UNKNOWN_ORGANIZATION" };
}

export type ChangeMemberResult =
  { status: "OK" } | UnknownOrganization | NotAllowed | { status: "ROLE_INVALID" | "NOT_A_MEMBER" | "MEMBER_IS_OWNER" };

/** Gives a member another role ("admin" or "member"); owners and admins may, and not on the owner. */
export async function changeMemberRole(
  ctx: EngineContext,
  input: { organizationId: string; userId: string; memberId: string; role: string },
): Promise<ChangeMemberResult> {
  if (!isAssignableRole(input.role)) return { status: "ROLE_INVALID" };
  const manager = await managerOf(ctx, input.organizationId, input.userId);
  if (manager.status !== "OK") return manager;
  const changed = await ctx.stores.organizations.setMemberRole(input.organizationId, input.memberId, input.role);
  if (changed.status === "OK") {
    logAuthEvent(ctx, "organization.member_role_changed", {
      userId: input.userId,
      organizationId: input.organizationId,
      memberId: input.memberId,
      role: input.role,
    });
  }
  return changed;
}

/**
 * Removes a member (never the owner); owners and admins may. Their sessions inside the
 * organization are revoked with the membership (member-removal.ts). A member leaving is
 * `leaveOrganization`.
 */
export async function removeMember(
  ctx: EngineContext,
  input: { organizationId: string; userId: string; memberId: string },
): Promise<MemberRemoved | Exclude<ChangeMemberResult, { status: "OK" | "ROLE_INVALID" }>> {
  const manager = await managerOf(ctx, input.organizationId, input.userId);
  if (manager.status !== "OK") return manager;
  const removed = await removeMemberAndTheirSessions(ctx, { organizationId: input.organizationId, userId: input.memberId, reason: "MEMBER_REMOVED" });
  if (removed.status !== "OK") return removed;
  logAuthEvent(ctx, "organization.member_removed", { userId: input.userId, organizationId: input.organizationId, memberId: input.memberId });
  // An admin may remove themselves: `revokedSessionHandles` then lets the caller tell its own session so, as leaving does.
  return removed;
}

/**
 * The caller leaves; the owner must transfer ownership first (MEMBER_IS_OWNER). Their sessions
 * inside the organization are revoked (member-removal.ts), the one they leave with included when
 * it is inside: `revokedSessionHandles` lets the caller tell it so.
 */
export async function leaveOrganization(
  ctx: EngineContext,
  input: { organizationId: string; userId: string },
): Promise<MemberRemoved | UnknownOrganization | { status: "MEMBER_IS_OWNER" }> {
  const removed = await removeMemberAndTheirSessions(ctx, { organizationId: input.organizationId, userId: input.userId, reason: "MEMBER_LEFT" });
  if (removed.status === "NOT_A_MEMBER") return { status: "UNKNOWN_ORGANIZATION" };
  if (removed.status === "OK") logAuthEvent(ctx, "organization.member_left", { userId: input.userId, organizationId: input.organizationId });
  return removed;
}

/** The owner hands the organization to another member and becomes an admin. */
export async function transferOwnership(
  ctx: EngineContext,
  input: { organizationId: string; userId: string; memberId: string },
): Promise<{ status: "OK" } | UnknownOrganization | NotAllowed | { status: "NOT_A_MEMBER" }> {
  const found = await membershipOf(ctx, input.organizationId, input.userId);
  if (found.status !== "OK") return found;
  if (found.membership.role !== OWNER_ROLE || input.memberId === input.userId) return { status: "NOT_ALLOWED" };
  const moved = await ctx.stores.organizations.transferOwnership({
    organizationId: input.organizationId,
    fromUserId: input.userId,
    toUserId: input.memberId,
    formerOwnerRole: "admin",
  });
  // NOT_THE_OWNER: a concurrent transfer won; to this caller that is no longer allowed.
  if (moved.status === "NOT_THE_OWNER") return { status: "NOT_ALLOWED" };
  if (moved.status === "OK") {
    logAuthEvent(ctx, "organization.ownership_transferred", { userId: input.userId, organizationId: input.organizationId, memberId: input.memberId });
  }
  return moved;
}

/**
 * Deletes the organization with its memberships and invitations, and revokes the sessions inside
 * it (organization-deletion.ts), the caller's own when it is inside: `revokedSessionHandles` lets
 * the caller tell it so, as leaving does. Only the owner may, and only with `confirm` equal to the
 * slug: the confirmation a user types, checked here so that no client can skip it.
 */
export async function deleteOrganization(
  ctx: EngineContext,
  input: { organizationId: string; userId: string; confirm: string },
): Promise<{ status: "OK"; revokedSessionHandles: string[] } | UnknownOrganization | NotAllowed | { status: "CONFIRMATION_MISMATCH" }> {
  const found = await membershipOf(ctx, input.organizationId, input.userId);
  if (found.status !== "OK") return found;
  if (found.membership.role !== OWNER_ROLE) return { status: "NOT_ALLOWED" };
  if (input.confirm !== input.organizationId) return { status: "CONFIRMATION_MISMATCH" };
  const revokedSessionHandles = await deleteOrganizationAndItsSessions(ctx, input.organizationId);
  if (revokedSessionHandles === null) return { status: "UNKNOWN_ORGANIZATION" };
  logAuthEvent(ctx, "organization.deleted", { userId: input.userId, organizationId: input.organizationId });
  return { status: "OK", revokedSessionHandles };
}
