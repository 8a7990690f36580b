/**
 * Whether a session may stay inside the organization its `tId` names, asked at every refresh
 * (session/refresh-session.ts) in the one read that also gives `gh-org` its membership, so a
 * tenant session's refresh costs no statement more than it did, and a public one's nothing.
 *
 * - **The organization must still be the one the session entered.** A deleted organization's
 *   sessions are revoked with it (organization-deletion.ts), but one that entered it meanwhile
 *   may still carry its slug; and once the slug is created again, `tId` would
 *   name the new organization, whose data a deployer scopes by it. So an organization created
 *   after the session entered (tenant-entry.ts; without a record, after the session began) is
 *   not the session's: ORGANIZATION_GONE, as for one that no longer exists.
 * - **The session's user must still be a member.** A member's removal revokes their sessions
 *   inside (member-removal.ts), but a switch or a sign-in under the tenant that read the
 *   membership before the removal and wrote its session after the removal read the member's
 *   sessions is not among them: NOT_A_MEMBER. The membership is in the read already made, so
 *   this costs nothing; what such a session keeps is the one access token it was minted.
 * - **The session's sign-in must still be one the tenant allows** (sign-in-record.ts, the rule a
 *   switch applies), so that an operator tightening a tenant's login methods (SSO only, say)
 *   reaches the sessions already inside it at their next refresh: TENANT_SIGN_IN_REQUIRED.
 * - **The user's email must still be one the tenant's `allowedEmailDomains` admit** (the rule a
 *   switch and a sign-in apply), so that an operator narrowing the domains, or the user's
 *   address changing to another domain (updateEmail) or going, reaches the sessions inside at
 *   their next refresh: EMAIL_DOMAIN_NOT_ALLOWED. A user without an address (phone-only
 *   passwordless) is of no domain, as at a switch: only a tenant without the rule keeps them.
 *   The email comes with the membership in the read already made, so this costs nothing.
 *
 * Whichever fails, the refresh revokes the session and the user signs in again.
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import type { OrganizationMemberRow, OrganizationRow } from "../ports/organization-store";
import { isEmailDomainAllowed } from "./email-domains";
import { signInMeetsTenant, signInRecordOfPayload } from "./sign-in-record";
import { tenantEntryOf } from "./tenant-entry";
import { tenantOfOrganization } from "./tenants";

/** The organization and membership read for the check, handed on so that the new token's claims read neither again. */
export interface TenantRead {
  organization: OrganizationRow;
  membership: OrganizationMemberRow | null;
}

export type TenantStanding =
  | { status: "OK"; read?: TenantRead }
  | { status: "ORGANIZATION_GONE" }
  | { status: "NOT_A_MEMBER" }
  | { status: "EMAIL_DOMAIN_NOT_ALLOWED" }
  | { status: "TENANT_SIGN_IN_REQUIRED" };

/** The standing of a session (as its row holds it) in the organization its `tId` names; OK at once for the public tenant. */
export async function tenantStandingOf(
  ctx: EngineContext,
  session: { userId: string; jwtPayload: Record<string, unknown>; createdAt: Date },
): Promise<TenantStanding> {
  const tenantId = session.jwtPayload.tId;
  if (typeof tenantId !== "string") return { status: "OK" };
  const read = await ctx.stores.organizations.getOrganizationWithMembership(tenantId, session.userId);
  if (!read || !isOrganizationEntered(read.organization, session)) return { status: "ORGANIZATION_GONE" };
  if (!read.membership) return { status: "NOT_A_MEMBER" };
  // As a switch judges it: no address ("") is of no allowed domain.
  if (!isEmailDomainAllowed(read.organization.loginMethods, read.memberEmail ?? "")) return { status: "EMAIL_DOMAIN_NOT_ALLOWED" };
  if (!signInMeetsTenant(ctx, tenantOfOrganization(ctx, read.organization), signInRecordOfPayload(session.jwtPayload))) {
    return { status: "TENANT_SIGN_IN_REQUIRED" };
  }
  return { status: "OK", read };
}

/**
 * Whether `organization` is the one of its slug that the session entered: the one it switched
 * into (the same `createdAt`, compared exactly, so no clock between instances matters), or, for
 * a session signed in under it, one that existed when the session began.
 */
function isOrganizationEntered(organization: OrganizationRow, session: { jwtPayload: Record<string, unknown>; createdAt: Date }): boolean {
  const entered = tenantEntryOf(session.jwtPayload);
  if (entered !== null) return entered === organization.createdAt.getTime();
  return organization.createdAt.getTime() <= session.createdAt.getTime();
}

/**
 * Ends a session whose organization no longer lets it in (tenantStandingOf): revoked through the
 * store, so every instance learns it, and logged with the standing as its reason.
 */
export async function endSessionOutsideTenant(
  ctx: EngineContext,
  session: { sessionHandle: string; userId: string },
  standing: Exclude<TenantStanding["status"], "OK">,
): Promise<void> {
  await ctx.stores.sessions.deleteSession(session.sessionHandle);
  logAuthEvent(ctx, "session.revoked", { userId: session.userId, sessionHandle: session.sessionHandle, reason: standing });
}
