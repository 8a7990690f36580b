/** The RoleStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createPrismaStores } from ".";
import { runRoleStoreContract } from "./role-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => {
  runRoleStoreContract(provider, () => createPrismaStores(url()));

  // The engine checks the user first (userroles/roles.ts); an operator deleting them right after
  // leaves the grant's INSERT to the foreign key. The memory store knows no users, so this is here.
  it(`${provider}: a grant to a user deleted meanwhile is UNKNOWN_USER_ERROR, not a throw, and writes nothing`, async () => {
    const stores = createPrismaStores(url());
    const userId = randomUUID();
    const created = await stores.users.createEmailPasswordUser({
      id: userId,
      email: `${userId}@example.com`,
      passwordHash: "h",
      timeJoined: new Date(),
    });
    expect(created.status).toBe("OK");
    const role = `kept-${randomUUID().slice(0, 8)}`;
    await stores.roles.createRoleOrAddPermissions(role, []);
    const revoked = { revokedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) };
    expect((await stores.userAdmin.deleteUser(userId, revoked)).didUserExist).toBe(true);
    expect(await stores.roles.addRoleToUser(userId, role)).toEqual({ status: "UNKNOWN_USER_ERROR" });
    expect(await stores.roles.getRolesForUser(userId)).toEqual([]);
  });
});
