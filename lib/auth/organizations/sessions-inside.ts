/**
 * Ending the sessions inside an organization (payload `tId`) when it, or a member's place in it,
 * goes: by the organization's deletion (organization-deletion.ts) or a member's removal or
 * leaving (member-removal.ts). Their access tokens carry `tId`, which a deployer may scope data
 * by without asking the database, so they are revoked rather than left to their next refresh.
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import type { SessionRow } from "../ports";

/** Why the sessions were ended: the `reason` of their `session.revoked` events. */
export type SessionsInsideEnded = "ORGANIZATION_DELETED" | "MEMBER_REMOVED" | "MEMBER_LEFT";

/**
 * Revokes those of `sessions` inside the organization, in bulk through the session store (a few
 * statements, and one revocation write, however many), so that every instance's revocation set
 * learns them; logs one `session.revoked` per user with its count. Returns their handles.
 */
export async function revokeSessionsInside(
  ctx: EngineContext,
  organizationId: string,
  sessions: Pick<SessionRow, "sessionHandle" | "userId" | "jwtPayload">[],
  reason: SessionsInsideEnded,
): Promise<string[]> {
  const inside = sessions.filter((session) => session.jwtPayload.tId === organizationId);
  if (inside.length === 0) return [];
  await ctx.stores.sessions.deleteSessions(inside.map((session) => session.sessionHandle));
  const revokedPerUser = new Map<string, number>();
  for (const { userId } of inside) revokedPerUser.set(userId, (revokedPerUser.get(userId) ?? 0) + 1);
  for (const [userId, count] of revokedPerUser) {
    logAuthEvent(ctx, "session.revoked", { userId, count, organizationId, reason });
  }
  return inside.map((session) => session.sessionHandle);
}
