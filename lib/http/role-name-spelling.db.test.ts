/**
 * A role or permission name with a space after it ("admin ") names no role, on every database.
 * MariaDB's binary collation still pads with spaces ('admin ' = 'admin'), so the deployer's code
 * handing over a name read from a form or a file with a trailing space reached the role "admin"
 * there alone: the user was granted it (under the spelling "admin ", with all of its
 * permissions), and the role was deleted or lost permissions, where SQLite and PostgreSQL
 * answered that no such role exists.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import {
  addRoleToUser,
  createNewRoleOrAddPermissions,
  deleteRole,
  getPermissionsForRole,
  getPermissionsForUser,
  getRolesForUser,
  getRolesThatHavePermission,
  getUsersThatHaveRole,
  removePermissionsFromRole,
  removeUserRole,
} from "../auth/userroles/roles";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";

describeOnEachDatabase((provider, url) => {
  it(`${provider}: "admin " is not the role "admin", nor "read " its permission "read"`, async () => {
    const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const role = `admin-${randomUUID().slice(0, 8)}`;
    const permission = `read-${randomUUID().slice(0, 8)}`;
    await createNewRoleOrAddPermissions(ctx, role, [permission, "write"]);
    const [holder, other] = [randomUUID(), randomUUID()];
    for (const id of [holder, other]) {
      await stores.users.createEmailPasswordUser({ id, email: `${id}@example.com`, passwordHash: "h", timeJoined: ctx.now() });
    }
    await addRoleToUser(ctx, holder, role);

    expect(await addRoleToUser(ctx, other, `${role} `)).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
    expect(await getRolesForUser(ctx, other)).toEqual([]);
    expect(await getPermissionsForUser(ctx, other)).toEqual([]);
    expect(await removeUserRole(ctx, holder, `${role} `)).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
    expect(await getPermissionsForRole(ctx, `${role} `)).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
    expect(await getUsersThatHaveRole(ctx, `${role} `)).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
    expect(await getRolesThatHavePermission(ctx, `${permission} `)).toEqual([]);
    expect(await removePermissionsFromRole(ctx, role, [`${permission} `])).toEqual({ status: "OK" });
    expect(await removePermissionsFromRole(ctx, `${role} `, ["write"])).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
    expect(await deleteRole(ctx, `${role} `)).toEqual({ status: "OK", didRoleExist: false });

    // The role, its permissions and its holder are as they were.
    expect(await getPermissionsForRole(ctx, role)).toEqual({ status: "OK", permissions: [permission, "write"].sort() });
    expect(await getRolesForUser(ctx, holder)).toEqual([role]);
  });
});
