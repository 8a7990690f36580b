/**
 * Switching the session's active organization without signing out: the session's `tId`
 * changes in its row (so refreshes keep it) and a new access token is minted with the matching
 * `gh-org` claim. Only a member may switch to an organization; "public" leaves every one.
 */
import type { EngineContext } from "../context";
import { issueAccessToken, type IssuedTokens, type VerifiedSession } from "../session/session";
import { updateJwtPayload } from "../session/update-jwt-payload";
import { isEmailDomainAllowed } from "./email-domains";
import { PUBLIC_TENANT_ID } from "./organization-names";
import type { UnknownOrganization } from "./organizations";

export type SwitchOrganizationResult = { status: "OK"; tokens: IssuedTokens } | UnknownOrganization | { status: "UNKNOWN_SESSION_ERROR" };

export async function switchOrganization(ctx: EngineContext, session: VerifiedSession, organizationId: string): Promise<SwitchOrganizationResult> {
  if (organizationId !== PUBLIC_TENANT_ID) {
    const [membership, organization, user] = await Promise.all([
      ctx.stores.organizations.getMembership(organizationId, session.userId),
      ctx.stores.organizations.getOrganization(organizationId),
      ctx.stores.users.getUserById(session.userId),
    ]);
    // The tenant's domain rule holds here as at its sign-in: a switch is no side door.
    if (!membership || !organization || !isEmailDomainAllowed(organization.loginMethods, user?.email ?? ""))
      return { status: "UNKNOWN_ORGANIZATION" };
  }
  const updated = await updateJwtPayload(ctx, session.sessionHandle, (row) => {
    const { tId: _previous, ...rest } = row.jwtPayload;
    return organizationId === PUBLIC_TENANT_ID ? rest : { ...rest, tId: organizationId };
  });
  if (updated.status !== "OK") return updated;
  return {
    status: "OK",
    tokens: await issueAccessToken(ctx, { userId: session.userId, sessionHandle: session.sessionHandle, jwtPayload: updated.jwtPayload }),
  };
}
