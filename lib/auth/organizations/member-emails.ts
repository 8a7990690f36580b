/**
 * Members as pages show them: with their email. The organization store keeps user ids only; the
 * emails come from the users store, all members' in one read (per 500), not one read each.
 */
import type { EngineContext } from "../context";
import type { OrganizationMemberRow } from "../ports/organization-store";

export type MemberWithEmail = OrganizationMemberRow & { email: string | null };

export async function withMemberEmails(ctx: EngineContext, members: OrganizationMemberRow[]): Promise<MemberWithEmail[]> {
  if (members.length === 0) return [];
  const users = await ctx.stores.users.getUsersByIds(members.map((member) => member.userId));
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return members.map((member) => ({ ...member, email: emails.get(member.userId) ?? null }));
}
