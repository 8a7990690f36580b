/**
 * What becomes of the organizations a user owns when the user is deleted. Their membership goes
 * with them (ON DELETE CASCADE), and an organization without an owner could no longer be
 * deleted, handed on or have its ownership restored by anyone: only its owner may do those.
 * So, before the user goes, each organization they own passes to its longest-standing admin, or
 * failing one to its longest-standing member; one that has no other member is deleted with them
 * (it holds nobody else's data, and the sessions inside it are theirs).
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import { OWNER_ROLE, type OrganizationMemberRow } from "../ports/organization-store";
import { deleteOrganizationAndItsSessions } from "./organization-deletion";

/** Members whose turn it is, in order: admins, then members, each by `joinedAt` (listMembers' order). */
function successorsOf(members: OrganizationMemberRow[], ownerId: string): OrganizationMemberRow[] {
  const others = members.filter((m) => m.userId !== ownerId);
  return [...others.filter((m) => m.role === "admin"), ...others.filter((m) => m.role !== "admin")];
}

/**
 * Hands on (or deletes) every organization `userId` owns; the user's other memberships are left
 * to the deletion's cascade. A successor who leaves while this runs is passed over for the next.
 */
export async function handOverOrganizationsOf(ctx: EngineContext, userId: string): Promise<void> {
  const owned = (await ctx.stores.organizations.listMembershipsOfUser(userId)).filter((m) => m.membership.role === OWNER_ROLE);
  for (const { organization } of owned) {
    const organizationId = organization.id;
    let handedOver = false;
    for (const successor of successorsOf(await ctx.stores.organizations.listMembers(organizationId), userId)) {
      const moved = await ctx.stores.organizations.transferOwnership({
        organizationId,
        fromUserId: userId,
        toUserId: successor.userId,
        formerOwnerRole: "admin",
      });
      // NOT_A_MEMBER: this successor left meanwhile; NOT_THE_OWNER: the user handed it on themselves.
      if (moved.status === "NOT_A_MEMBER") continue;
      if (moved.status === "OK") {
        logAuthEvent(ctx, "organization.ownership_transferred", { userId, organizationId, memberId: successor.userId, reason: "OWNER_DELETED" });
      }
      handedOver = true;
      break;
    }
    if (handedOver) continue;
    if ((await deleteOrganizationAndItsSessions(ctx, organizationId)) !== null) {
      logAuthEvent(ctx, "organization.deleted", { userId, organizationId, reason: "OWNER_DELETED" });
    }
  }
}
