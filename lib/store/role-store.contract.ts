/**
 * The RoleStore contract, run against every database (prisma-role-store.db.test.ts) and the memory
 * store (memory-role-store.test.ts). Each test uses its own role names and users.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Stores } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");

export function runRoleStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`role store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });
    const role = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}`;
    async function user(): Promise<string> {
      const id = randomUUID();
      const r = await stores.users.createEmailPasswordUser({ id, email: `${id}@example.com`, passwordHash: "h", timeJoined: T0 });
      if (r.status !== "OK") throw new Error("user");
      return id;
    }

    it("creates a role, adds permissions idempotently, removes some, lists and deletes", async () => {
      const editor = role("editor");
      expect(await stores.roles.createRoleOrAddPermissions(editor, ["read", "write"])).toEqual({ createdNewRole: true });
      expect(await stores.roles.createRoleOrAddPermissions(editor, ["write", "publish"])).toEqual({ createdNewRole: false });
      expect(await stores.roles.getPermissionsForRole(editor)).toEqual(["publish", "read", "write"]);
      expect(await stores.roles.removePermissionsFromRole(editor, ["write", "absent"])).toBe(true);
      expect(await stores.roles.getPermissionsForRole(editor)).toEqual(["publish", "read"]);
      expect(await stores.roles.listRoles()).toContain(editor);
      expect(await stores.roles.getRolesThatHavePermission("publish")).toContain(editor);
      expect(await stores.roles.deleteRole(editor)).toBe(true);
      expect(await stores.roles.deleteRole(editor)).toBe(false);
      expect(await stores.roles.getPermissionsForRole(editor)).toBeNull();
      expect(await stores.roles.removePermissionsFromRole(editor, ["read"])).toBe(false);
      expect(await stores.roles.listRoles()).not.toContain(editor);
    });

    it("assigns and unassigns roles; a deleted role leaves every user", async () => {
      const [a, b] = [await user(), await user()];
      const [admin, viewer] = [role("admin"), role("viewer")];
      await stores.roles.createRoleOrAddPermissions(admin, ["users:write", "users:read"]);
      await stores.roles.createRoleOrAddPermissions(viewer, ["users:read"]);
      expect(await stores.roles.addRoleToUser(a, admin)).toEqual({ status: "OK", didUserAlreadyHaveRole: false });
      expect(await stores.roles.addRoleToUser(a, admin)).toEqual({ status: "OK", didUserAlreadyHaveRole: true });
      await stores.roles.addRoleToUser(a, viewer);
      await stores.roles.addRoleToUser(b, viewer);
      expect(await stores.roles.getRolesForUser(a)).toEqual([admin, viewer].sort());
      expect(await stores.roles.getPermissionsForUser(a)).toEqual(["users:read", "users:write"]);
      expect(await stores.roles.addRoleToUser(a, role("missing"))).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
      expect(await stores.roles.removeRoleFromUser(b, admin)).toEqual({ status: "OK", didUserHaveRole: false });
      expect(await stores.roles.removeRoleFromUser(a, viewer)).toEqual({ status: "OK", didUserHaveRole: true });
      expect(await stores.roles.removeRoleFromUser(a, role("missing"))).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
      await stores.roles.deleteRole(admin);
      expect(await stores.roles.getRolesForUser(a)).toEqual([]);
      expect(await stores.roles.getPermissionsForUser(a)).toEqual([]);
      expect(await stores.roles.getRolesForUser(b)).toEqual([viewer]);
    });

    it("pages through the users of a role by id", async () => {
      const members = role("members");
      await stores.roles.createRoleOrAddPermissions(members, []);
      const ids = await Promise.all(Array.from({ length: 5 }, () => user()));
      for (const id of ids) await stores.roles.addRoleToUser(id, members);
      const first = await stores.roles.getUsersThatHaveRole(members, { limit: 2 });
      const second = await stores.roles.getUsersThatHaveRole(members, { limit: 2, afterUserId: first![1] });
      const third = await stores.roles.getUsersThatHaveRole(members, { limit: 2, afterUserId: second![1] });
      expect([...first!, ...second!, ...third!]).toEqual([...ids].sort());
      expect(third).toHaveLength(1);
      expect(await stores.roles.getUsersThatHaveRole(role("nobody"), { limit: 2 })).toBeNull();
    });

    it("concurrent assigns and unassigns settle into a consistent state", async () => {
      const u = await user();
      const busy = role("busy");
      await stores.roles.createRoleOrAddPermissions(busy, ["p"]);
      const adds = await Promise.all(Array.from({ length: 6 }, () => stores.roles.addRoleToUser(u, busy)));
      expect(adds.filter((r) => r.status === "OK" && !r.didUserAlreadyHaveRole)).toHaveLength(1);
      const removes = await Promise.all(Array.from({ length: 6 }, () => stores.roles.removeRoleFromUser(u, busy)));
      expect(removes.filter((r) => r.status === "OK" && r.didUserHaveRole)).toHaveLength(1);
      expect(await stores.roles.getRolesForUser(u)).toEqual([]);
      // Interleaved grants, revokes and concurrent permission additions never error.
      const mixed = await Promise.all([
        ...Array.from({ length: 4 }, () => stores.roles.addRoleToUser(u, busy)),
        ...Array.from({ length: 4 }, () => stores.roles.removeRoleFromUser(u, busy)),
        ...Array.from({ length: 4 }, (_, i) => stores.roles.createRoleOrAddPermissions(busy, [`q${i % 2}`])),
      ]);
      expect(mixed.every((r) => !("status" in r) || r.status === "OK")).toBe(true);
      expect((await stores.roles.getRolesForUser(u)).every((r) => r === busy)).toBe(true);
      expect(await stores.roles.getPermissionsForRole(busy)).toEqual(["p", "q0", "q1"]);
    });

    it("granting a role while it is deleted ends with the role gone from the user", async () => {
      const u = await user();
      const doomed = role("doomed");
      await stores.roles.createRoleOrAddPermissions(doomed, []);
      const results = await Promise.all([stores.roles.addRoleToUser(u, doomed), stores.roles.deleteRole(doomed)]);
      expect(["OK", "UNKNOWN_ROLE_ERROR"]).toContain((results[0] as { status: string }).status);
      expect(await stores.roles.getRolesForUser(u)).toEqual([]);
    });

    it("names are compared exactly: case and accents make other roles and permissions", async () => {
      const tag = randomUUID().slice(0, 8);
      const [lower, upper, accented] = [`editor-${tag}`, `EDITOR-${tag}`, `éditor-${tag}`];
      expect(await stores.roles.createRoleOrAddPermissions(lower, ["read"])).toEqual({ createdNewRole: true });
      // Another role, not more permissions for the first.
      expect(await stores.roles.createRoleOrAddPermissions(upper, ["write"])).toEqual({ createdNewRole: true });
      expect(await stores.roles.createRoleOrAddPermissions(accented, [])).toEqual({ createdNewRole: true });
      expect(await stores.roles.getPermissionsForRole(lower)).toEqual(["read"]);
      expect(await stores.roles.createRoleOrAddPermissions(lower, ["READ"])).toEqual({ createdNewRole: false });
      expect(await stores.roles.getPermissionsForRole(lower)).toEqual(["READ", "read"]);
      const u = await user();
      expect(await stores.roles.addRoleToUser(u, lower)).toEqual({ status: "OK", didUserAlreadyHaveRole: false });
      expect(await stores.roles.addRoleToUser(u, upper)).toEqual({ status: "OK", didUserAlreadyHaveRole: false });
      expect(await stores.roles.addRoleToUser(u, `Editor-${tag}`)).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
      // Deleting one spelling leaves the others and their holders.
      expect(await stores.roles.deleteRole(upper)).toBe(true);
      expect(await stores.roles.getPermissionsForRole(lower)).toEqual(["READ", "read"]);
      expect(await stores.roles.getRolesForUser(u)).toEqual([lower]);
      expect(await stores.roles.removeRoleFromUser(u, `Editor-${tag}`)).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
      expect(await stores.roles.getRolesForUser(u)).toEqual([lower]);
    });
  });
}
