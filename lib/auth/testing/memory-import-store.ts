import { randomUUID } from "node:crypto";
import { batchKeys, externalKey, identityKey, planImportBatch, type ExistingState } from "../import/plan-import-batch";
import type { EmailPasswordAccountRow, UserRow } from "../ports";
import type { ExportUserRow, ImportedUserInfo, ImportStore } from "../ports/import-store";
import type { RoleStore } from "../ports/role-store";
import type { ThirdPartyAccountRow } from "../ports/third-party-store";
import { memoryIdentityKey } from "./memory-third-party-store";

const clone = <T>(value: T): T => structuredClone(value);

/**
 * ImportStore in memory, over the memory stores' own maps (users, password accounts, identities)
 * and the role store: the same planning (import/plan-import-batch.ts) as the Prisma store, so it
 * passes the same contract suite.
 */
export function createMemoryImportStore(shared: {
  users: Map<string, UserRow>;
  /** Keyed by email. */
  accounts: Map<string, EmailPasswordAccountRow>;
  /** Keyed by memoryIdentityKey. */
  identities: Map<string, ThirdPartyAccountRow>;
  roles: RoleStore;
}): ImportStore {
  const { users, accounts, identities, roles } = shared;
  const imported = new Map<string, ImportedUserInfo>();
  // Users deleted from the shared map take their import row with them (ON DELETE CASCADE).
  const live = () => [...imported.values()].filter((i) => users.has(i.userId));
  const accountOf = (userId: string) => [...accounts.values()].find((a) => a.userId === userId);

  async function existingState(records: Parameters<ImportStore["importUsers"]>[0]): Promise<ExistingState> {
    const keys = batchKeys(records);
    const mappings = new Map(live().map((i) => [externalKey(i.source, i.externalId), i.userId]));
    const allRoles = new Set(await roles.listRoles());
    const mappedUsers: ExistingState["mappedUsers"] = new Map();
    for (const userId of mappings.values())
      mappedUsers.set(userId, {
        email: users.get(userId)!.email,
        hasPassword: !!accountOf(userId),
        roles: new Set(await roles.getRolesForUser(userId)),
      });
    const owners = [...identities.values()].filter((a) => users.has(a.userId));
    return {
      mappings,
      mappedUsers,
      userIds: new Set(keys.userIds.filter((id) => users.has(id))),
      emailOwners: new Map([...users.values()].flatMap((u) => (u.email ? [[u.email, u.id] as const] : []))),
      identityOwners: new Map(owners.map((a) => [identityKey(a.thirdPartyId, a.thirdPartyUserId), a.userId])),
      roles: allRoles,
    };
  }

  return {
    async importUsers(records, { dryRun, now }) {
      const { outcomes, writes } = planImportBatch(records, await existingState(records));
      if (dryRun) return outcomes;
      for (const role of writes.newRoles) await roles.createRoleOrAddPermissions(role, []);
      const addIdentity = (userId: string, a: { thirdPartyId: string; thirdPartyUserId: string; email: string }) =>
        identities.set(memoryIdentityKey(a.thirdPartyId, a.thirdPartyUserId), { id: randomUUID(), userId, ...a });
      for (const r of writes.newUsers) {
        users.set(r.id, { id: r.id, email: r.email, emailVerified: r.emailVerified, timeJoined: r.timeJoined });
        if (r.passwordHash !== null && r.email !== null) accounts.set(r.email, { userId: r.id, email: r.email, passwordHash: r.passwordHash });
        imported.set(r.id, { userId: r.id, source: r.source, externalId: r.externalId, importedAt: now, metadata: clone(r.metadata) });
        r.thirdPartyAccounts.forEach((a) => addIdentity(r.id, a));
        for (const role of r.roles) await roles.addRoleToUser(r.id, role);
      }
      for (const u of writes.updates) {
        const user = users.get(u.userId)!;
        u.addIdentities.forEach((a) => addIdentity(u.userId, a));
        for (const role of u.addRoles) await roles.addRoleToUser(u.userId, role);
        if (u.markVerified && user.email === u.record.email) user.emailVerified = true;
        if (u.addPassword) accounts.set(u.record.email!, { userId: u.userId, email: u.record.email!, passwordHash: u.record.passwordHash! });
        imported.get(u.userId)!.metadata = clone(u.record.metadata);
      }
      return outcomes;
    },
    async getImportedUsers(userIds) {
      return live()
        .filter((i) => userIds.includes(i.userId))
        .map(clone);
    },
    async findByExternalId(externalId) {
      return live()
        .filter((i) => i.externalId === externalId)
        .sort((a, b) => (a.userId < b.userId ? -1 : 1))
        .map(clone);
    },
    async exportUsers({ limit, afterUserId }) {
      const page = [...users.values()]
        .filter((u) => afterUserId === undefined || u.id > afterUserId)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      const rows: ExportUserRow[] = [];
      for (const u of page)
        rows.push({
          ...clone(u),
          passwordHash: accountOf(u.id)?.passwordHash ?? null,
          thirdPartyAccounts: [...identities.values()]
            .filter((a) => a.userId === u.id)
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .map((a) => ({ thirdPartyId: a.thirdPartyId, thirdPartyUserId: a.thirdPartyUserId, email: a.email })),
          roles: await roles.getRolesForUser(u.id),
          imported: imported.has(u.id) ? clone(imported.get(u.id)!) : null,
        });
      return rows;
    },
  };
}
