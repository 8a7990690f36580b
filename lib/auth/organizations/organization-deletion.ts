/**
 * Deleting an organization ends the sessions inside it. Without this, its members' sessions
 * kept `tId` = its slug, and once someone created an organization with that slug again, those
 * sessions named the new tenant: a deployer scoping data by tenant id would show it to them, and
 * the tenant-scoped endpoints (`/<tenantId>/…`) would take them.
 *
 * Sessions have no tenant column. A session enters an organization only by signing in under it
 * or switching into it, both of which need a membership, so the sessions inside it are found
 * among its members' sessions, read (in one statement) before the cascade takes the memberships,
 * and filtered by their payload's `tId`. Each is revoked through the session store, so that the
 * revocation is recorded and reaches every instance's revocation set, as a user's deletion does.
 * What this cannot see (a removed member's session still carrying the slug, a session that
 * enters while the deletion runs) the refresh refuses (tenant-session.ts), and the tenant-scoped
 * endpoints do not take their access tokens (lib/http/tenant.ts).
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";

/** Revocations in flight at once: bounded, so a large organization does not take every connection. */
const REVOKE_CONCURRENCY = 8;

/** Deletes the organization (false: no such organization) and revokes the sessions inside it. */
export async function deleteOrganizationAndItsSessions(ctx: EngineContext, organizationId: string): Promise<boolean> {
  // Read first: the deletion's cascade takes the memberships they are found by.
  const sessions = await ctx.stores.sessions.listSessionsOfOrganizationMembers(organizationId);
  if (!(await ctx.stores.organizations.deleteOrganization(organizationId))) return false;
  const inside = sessions.filter((session) => session.jwtPayload.tId === organizationId);
  const revokedPerUser = new Map<string, number>();
  for (let start = 0; start < inside.length; start += REVOKE_CONCURRENCY) {
    const batch = inside.slice(start, start + REVOKE_CONCURRENCY);
    const revoked = await Promise.all(batch.map((session) => ctx.stores.sessions.deleteSession(session.sessionHandle)));
    batch.forEach((session, i) => {
      if (revoked[i]) revokedPerUser.set(session.userId, (revokedPerUser.get(session.userId) ?? 0) + 1);
    });
  }
  for (const [userId, count] of revokedPerUser) {
    logAuthEvent(ctx, "session.revoked", { userId, count, organizationId, reason: "ORGANIZATION_DELETED" });
  }
  return true;
}
