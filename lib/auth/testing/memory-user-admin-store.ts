import { OWNER_ROLE } from "../ports/organization-store";
import type { EmailPasswordAccountRow, SessionRow, Stores, UserRow } from "../ports";
import { revocationTimesOf, type UserAdminStore, type UserFilter, type UserListQuery, type UserSummaryRow } from "../ports/user-admin-store";

/** Orders (timeJoined, id) as the databases do: by time, then by id. */
function compareKeys(a: { timeJoined: Date; id: string }, b: { timeJoined: Date; id: string }): number {
  const byTime = a.timeJoined.getTime() - b.timeJoined.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * In-memory UserAdminStore over the memory user store's own maps (lib/auth/testing/memory-stores.ts);
 * deleting a user also clears their grants and tokens in the sibling stores, as the cascade does
 * (the memory third-party store drops the identities of users gone from the shared map itself).
 */
export function createMemoryUserAdminStore(
  data: {
    users: Map<string, UserRow>;
    accounts: Map<string, EmailPasswordAccountRow>;
    sessions: Map<string, SessionRow>;
    /** Users deleted here: the memory session store refuses new sessions for them, as a foreign key would. */
    deletedUserIds: Set<string>;
  },
  siblings: () => Pick<
    Stores,
    "roles" | "organizations" | "emailVerificationTokens" | "passwordResetTokens" | "thirdParty" | "passwordless" | "revocations"
  >,
): UserAdminStore {
  async function summary(user: UserRow): Promise<UserSummaryRow> {
    const account = [...data.accounts.values()].find((a) => a.userId === user.id);
    const passwordless = await siblings().passwordless.getAccountByUserId(user.id);
    const thirdParty = ((await siblings().thirdParty.getLoginMethods(user.id))?.thirdPartyAccounts ?? []).sort((a, b) => (a.id < b.id ? -1 : 1));
    return {
      ...structuredClone(user),
      loginMethods: [
        ...(account ? [{ recipeId: "emailpassword" as const, email: account.email }] : []),
        ...thirdParty.map((a) => ({
          recipeId: "thirdparty" as const,
          email: a.email,
          thirdParty: { id: a.thirdPartyId, userId: a.thirdPartyUserId },
        })),
        ...(passwordless
          ? [
              {
                recipeId: "passwordless" as const,
                email: passwordless.email ?? "",
                ...(passwordless.phoneNumber ? { phoneNumber: passwordless.phoneNumber } : {}),
              },
            ]
          : []),
      ],
    };
  }

  async function matching(filter: UserFilter): Promise<UserSummaryRow[]> {
    return (await Promise.all([...data.users.values()].map(summary)))
      .filter((u) => filter.emailPrefix === undefined || (u.email ?? "").startsWith(filter.emailPrefix))
      .filter((u) => filter.method === undefined || u.loginMethods.some((m) => m.recipeId === filter.method));
  }

  return {
    async listUsers({ order, limit, after, ...filter }: UserListQuery) {
      const sign = order === "newest" ? -1 : 1;
      return (await matching(filter))
        .filter((u) => !after || sign * compareKeys(u, after) > 0)
        .sort((a, b) => sign * compareKeys(a, b))
        .slice(0, limit);
    },
    async countUsers(filter) {
      return (await matching(filter)).length;
    },
    async getUserSummary(userId) {
      const user = data.users.get(userId);
      return user ? await summary(user) : null;
    },
    async deleteUser(userId, revocation) {
      // As the database's deletion does: an organization the user owns now (handed to them since
      // the succession ran) must not lose its owner. Nothing awaits between this and the deletions.
      const memberships = await siblings().organizations.listMembershipsOfUser(userId);
      if (memberships.some((m) => m.membership.role === OWNER_ROLE && m.membership.userId === userId)) {
        return { didUserExist: true, revokedSessionHandles: [], stillOwnsOrganizations: true };
      }
      // The sessions go whether or not the user row exists: unit tests make sessions for users
      // they never created, where a database's foreign key would have refused them.
      const revokedSessionHandles = [...data.sessions.values()].filter((s) => s.userId === userId).map((s) => s.sessionHandle);
      for (const handle of revokedSessionHandles) data.sessions.delete(handle);
      // No await between the deletions and here: nothing can slip in, as under the database's lock.
      const times = revocationTimesOf(revocation);
      const recorded = siblings().revocations.recordRevocations(revokedSessionHandles.map((sessionHandle) => ({ sessionHandle, ...times })));
      if (!data.users.delete(userId)) {
        await recorded;
        return { didUserExist: false, revokedSessionHandles };
      }
      data.deletedUserIds.add(userId);
      for (const [email, account] of data.accounts) if (account.userId === userId) data.accounts.delete(email);
      await recorded;
      const { roles, emailVerificationTokens, passwordResetTokens } = siblings();
      for (const role of await roles.getRolesForUser(userId)) await roles.removeRoleFromUser(userId, role);
      await emailVerificationTokens.deleteTokensForUser(userId);
      await passwordResetTokens.deleteTokensForUser(userId);
      return { didUserExist: true, revokedSessionHandles };
    },
    async countUsersJoinedBetween(from, to) {
      return [...data.users.values()].filter((u) => u.timeJoined >= from && u.timeJoined < to).length;
    },
  };
}
