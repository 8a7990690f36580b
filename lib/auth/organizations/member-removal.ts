/**
 * Removing a member (a manager's removal, or the member leaving) ends their sessions inside the
 * organization. Before, only the membership went: a session they had switched into it kept its
 * `tId` (with `gh-org` null) until its next refresh or payload change, and a deployer scoping
 * data by `tId` from the access token alone kept trusting it for the token's lifetime. Their
 * sessions elsewhere (public, other organizations) stay.
 *
 * The sessions are found as the organization's deletion finds them (sessions have no tenant
 * column): the member's sessions, read in one statement before the membership goes, whose
 * payload's `tId` is the organization; revoked in bulk through the session store, so every
 * instance's revocation set learns them (sessions-inside.ts).
 *
 * A race: a switch into the organization (or a sign-in under its tenant) that read the
 * membership before the removal and writes its session after the read here is not among them.
 * Its session is inside without a membership. The refresh, and any payload change, refuses
 * such a session (tenant-session.ts: NOT_A_MEMBER) and revokes it, in the read it already makes,
 * so what it keeps is the one access token the switch or sign-in minted: at most
 * `accessTokenTtlSeconds`. Closing that too would take a second membership read after every
 * switch's and sign-in's write, for a race a removal rarely meets.
 */
import type { EngineContext } from "../context";
import type { ChangeMemberResult } from "../ports";
import { isOrganizationId } from "./organization-names";
import { revokeSessionsInside } from "./sessions-inside";

export type MemberRemoved = { status: "OK"; revokedSessionHandles: string[] };

/** Removes `userId` from the organization (never its owner) and revokes their sessions inside it. */
export async function removeMemberAndTheirSessions(
  ctx: EngineContext,
  input: { organizationId: string; userId: string; reason: "MEMBER_REMOVED" | "MEMBER_LEFT" },
): Promise<MemberRemoved | Exclude<ChangeMemberResult, { status: "OK" }>> {
  // Another spelling of the slug is no organization (organization-names.ts), on every database.
  if (!isOrganizationId(input.organizationId)) return { status: "NOT_A_MEMBER" };
  // Read first: the removal takes the membership they are found by.
  const sessions = await ctx.stores.sessions.listSessionsOfOrganizationMembers(input.organizationId, input.userId);
  const removed = await ctx.stores.organizations.removeMember(input.organizationId, input.userId);
  if (removed.status !== "OK") return removed;
  return { status: "OK", revokedSessionHandles: await revokeSessionsInside(ctx, input.organizationId, sessions, input.reason) };
}
