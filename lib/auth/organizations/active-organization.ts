/**
 * Switching the session's active organization without signing out: the session's `tId`
 * changes in its row (so refreshes keep it) and a new access token is minted with the matching
 * `gh-org` claim. A switch into an organization asks what signing in to its tenant would have
 * asked, so that it is no side door: a membership, the tenant's email domains and a sign-in
 * method the tenant allows (sign-in-record.ts); its required second factors are asked of the
 * new token (mfa/mfa-claim.ts reads them from its `tId`). "public" leaves every one.
 */
import type { EngineContext } from "../context";
import { issueAccessToken, type IssuedTokens, type VerifiedSession } from "../session/session";
import { updateJwtPayload } from "../session/update-jwt-payload";
import { isEmailDomainAllowed } from "./email-domains";
import { PUBLIC_TENANT_ID } from "./organization-names";
import type { UnknownOrganization } from "./organizations";
import { signInMeetsTenant, signInRecordOfPayload } from "./sign-in-record";
import { withTenantEntry, withoutTenant } from "./tenant-entry";
import { resolveTenant } from "./tenants";
import type { OrganizationRow } from "../ports/organization-store";

export type SwitchOrganizationResult =
  | { status: "OK"; tokens: IssuedTokens }
  | UnknownOrganization
  /** The session was signed in a way the tenant does not let in: sign in to it (`/<tenantId>/…`) to enter it. */
  | { status: "TENANT_SIGN_IN_REQUIRED" }
  /** A member whose primary email is of no domain the tenant's `allowedEmailDomains` lists. */
  | { status: "EMAIL_DOMAIN_NOT_ALLOWED" }
  | { status: "UNKNOWN_SESSION_ERROR" };

export async function switchOrganization(ctx: EngineContext, session: VerifiedSession, organizationId: string): Promise<SwitchOrganizationResult> {
  let entered: OrganizationRow | null = null;
  if (organizationId !== PUBLIC_TENANT_ID) {
    const [membership, resolved, user, row] = await Promise.all([
      ctx.stores.organizations.getMembership(organizationId, session.userId),
      resolveTenant(ctx, organizationId),
      ctx.stores.users.getUserById(session.userId),
      ctx.stores.sessions.getSession(session.sessionHandle),
    ]);
    const tenant = resolved.status === "OK" ? resolved.tenant : null;
    if (!membership || !tenant?.organization) return { status: "UNKNOWN_ORGANIZATION" };
    if (!row || row.userId !== session.userId) return { status: "UNKNOWN_SESSION_ERROR" };
    // The tenant's domain rule holds here as at its sign-in. Said to members only, as the
    // sign-in methods below are: a stranger learns nothing of the tenant's policy.
    if (!isEmailDomainAllowed(tenant.organization.loginMethods, user?.email ?? "")) return { status: "EMAIL_DOMAIN_NOT_ALLOWED" };
    // Asked of members only, so the tenant's policy is told to no stranger. The record is written
    // once, when the session starts, so the row read here holds the one the switch keeps.
    if (!signInMeetsTenant(ctx, tenant, signInRecordOfPayload(row.jwtPayload))) return { status: "TENANT_SIGN_IN_REQUIRED" };
    entered = tenant.organization;
  }
  // Which organization of the slug was entered is kept with it (tenant-entry.ts), so that the
  // session is no session of another organization created later under the same slug.
  const updated = await updateJwtPayload(ctx, session.sessionHandle, (row) =>
    entered ? withTenantEntry(withoutTenant(row.jwtPayload), entered) : withoutTenant(row.jwtPayload),
  );
  if (updated.status !== "OK") return updated;
  return {
    status: "OK",
    tokens: await issueAccessToken(ctx, {
      userId: session.userId,
      sessionHandle: session.sessionHandle,
      jwtPayload: updated.jwtPayload,
      notAfter: session.accessTokenPayload.exp,
    }),
  };
}
