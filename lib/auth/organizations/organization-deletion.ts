/**
 * Deleting an organization ends the sessions inside it. Without this, its members' sessions
 * kept `tId` = its slug, and once someone created an organization with that slug again, those
 * sessions named the new tenant: a deployer scoping data by tenant id would show it to them, and
 * the tenant-scoped endpoints (`/<tenantId>/…`) would take them.
 *
 * Sessions have no tenant column. A session enters an organization only by signing in under it
 * or switching into it, both of which need a membership, so the sessions inside it are found
 * among its members' sessions, read (in one statement) before the cascade takes the memberships,
 * and filtered by their payload's `tId`. They are revoked in bulk through the session store, so
 * that the revocation is recorded and reaches every instance's revocation set, as a user's
 * deletion does (sessions-inside.ts).
 * What this cannot see (a session that enters while the deletion runs, a removed member's that
 * entered while the removal ran: member-removal.ts) the refresh refuses (tenant-session.ts), and
 * the tenant-scoped endpoints do not take their access tokens (lib/http/tenant.ts).
 */
import type { EngineContext } from "../context";
import { isOrganizationId } from "./organization-names";
import { revokeSessionsInside } from "./sessions-inside";

/**
 * Deletes the organization and revokes the sessions inside it: their handles, or null when there
 * is no such organization.
 */
export async function deleteOrganizationAndItsSessions(ctx: EngineContext, organizationId: string): Promise<string[] | null> {
  // Another spelling of the slug is no organization (organization-names.ts), on every database.
  if (!isOrganizationId(organizationId)) return null;
  // Read first: the deletion's cascade takes the memberships they are found by.
  const sessions = await ctx.stores.sessions.listSessionsOfOrganizationMembers(organizationId);
  // Revoked before the organization goes, not after: separate writes, and a failure between them
  // (503) then leaves the organization, for the same request to delete, rather than its
  // sessions with no organization for a retry to find. A failed deletion only signs its members
  // out of it. No organization of that slug: no session is inside it, and none is revoked.
  const revoked = await revokeSessionsInside(ctx, organizationId, sessions, "ORGANIZATION_DELETED");
  if (!(await ctx.stores.organizations.deleteOrganization(organizationId))) return null;
  return revoked;
}
