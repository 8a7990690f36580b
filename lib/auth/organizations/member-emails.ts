/**
 * Members as pages show them: with their email. The organization store keeps user ids only; the
 * emails come from the users store, one read per member, in parallel (a page lists one
 * organization's members, not thousands).
 */
import type { EngineContext } from "../context";
import type { OrganizationMemberRow } from "../ports/organization-store";

export type MemberWithEmail = OrganizationMemberRow & { email: string | null };

export async function withMemberEmails(ctx: EngineContext, members: OrganizationMemberRow[]): Promise<MemberWithEmail[]> {
  const users = await Promise.all(members.map((member) => ctx.stores.users.getUserById(member.userId)));
  return members.map((member, index) => ({ ...member, email: users[index]?.email ?? null }));
}
