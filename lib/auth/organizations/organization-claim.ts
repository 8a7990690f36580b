/**
 * The active organization in the access token. The session's tenant is its `tId` (kept in the
 * session's payload, so every refresh re-mints it); beside it the engine puts `gh-org`, the
 * member's organization and role read from the database at every issue (sign-in, refresh,
 * switch), as `{ v: { id, role } | null, t }` like the other engine claims. A member re-roled
 * gets the new role at the session's next refresh; a member removed loses the sessions inside
 * the organization (member-removal.ts); `getSession`, `requireSession`
 * and `withSession({ orgRoles })` read it from the token without a database call (with
 * `checkDatabase`, `orgRoles` read the role from the database: hasOrganizationRole).
 */
import type { ClaimValidator } from "../session/claim-validator";
import type { ClaimValue } from "../session/claim-source";
import type { Stores } from "../ports";
import type { OrganizationMemberRow } from "../ports/organization-store";
import { MESSAGE } from "../wire-codes";

export const ORGANIZATION_CLAIM = "gh-org";

export interface ActiveOrganization {
  id: string;
  role: string;
}

/**
 * The `gh-org` claim for a payload whose `tId` names an organization; nothing for the public
 * tenant. `known`: the membership as the caller just read it (a refresh: tenant-session.ts).
 */
export async function organizationClaim(
  ctx: { stores: Stores; now: () => Date },
  userId: string,
  payload: Record<string, unknown>,
  known?: { membership: OrganizationMemberRow | null },
): Promise<Record<string, ClaimValue<ActiveOrganization | null>>> {
  const tenantId = payload.tId;
  if (typeof tenantId !== "string") return {};
  const membership = known ? known.membership : await ctx.stores.organizations.getMembership(tenantId, userId);
  return { [ORGANIZATION_CLAIM]: { v: membership ? { id: tenantId, role: membership.role } : null, t: ctx.now().getTime() } };
}

/** The active organization of a verified payload, or null (public tenant, or no longer a member). */
export function activeOrganizationOf(payload: Record<string, unknown>): ActiveOrganization | null {
  const claim = payload[ORGANIZATION_CLAIM] as ClaimValue<ActiveOrganization | null> | undefined;
  return claim?.v ?? null;
}

/** The active organization as the database has it now: the role in the organization the payload's `tId` names, or null. */
async function activeOrganizationNow(ctx: { stores: Stores }, userId: string, payload: Record<string, unknown>): Promise<ActiveOrganization | null> {
  const tenantId = payload.tId;
  if (typeof tenantId !== "string") return null;
  const membership = await ctx.stores.organizations.getMembership(tenantId, userId);
  return membership ? { id: tenantId, role: membership.role } : null;
}

/**
 * Passes when the session's active organization gives it one of `roles`. With `checkDatabase`
 * the role is read now, as `roles` are: a member demoted a second ago is already refused, not
 * at their session's next refresh.
 */
export function hasOrganizationRole(roles: string[]): ClaimValidator<ActiveOrganization | null> {
  return {
    id: ORGANIZATION_CLAIM,
    fetchFromDatabase: activeOrganizationNow,
    validate(value) {
      if (value && roles.includes(value.role)) return undefined;
      return { id: ORGANIZATION_CLAIM, reason: { message: MESSAGE.WRONG_VALUE, expectedToInclude: roles, actualValue: value?.role ?? null } };
    },
  };
}
