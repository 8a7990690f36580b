/**
 * A role stored before its name was checked where names are written (createNewRoleOrAddPermissions
 * took " admin" or "ops\t" from the deployer's code until then) is still a role: its users must
 * lose it, and it must go, when asked by that name. A name refused by isValidRoleName that no
 * stored role has is answered without the store (roles.ts, namesNothing).
 */
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { deleteRole, getAllRoles, getPermissionsForRole, getUsersThatHaveRole, removeUserRole } from "./roles";

const LEGACY = "admin ";

async function withLegacyRole() {
  const { ctx } = createTestEngine();
  // Written as the engine wrote it before the check: straight through the store.
  await ctx.stores.roles.createRoleOrAddPermissions(LEGACY, ["everything"]);
  const created = await ctx.stores.users.createEmailPasswordUser({ id: "u1", email: "u1@example.com", passwordHash: "h", timeJoined: ctx.now() });
  expect(created.status).toBe("OK");
  expect(await ctx.stores.roles.addRoleToUser("u1", LEGACY)).toMatchObject({ status: "OK" });
  return ctx;
}

describe("a role stored under a name the checks now refuse", () => {
  it("is read, taken from its users and deleted by its name", async () => {
    const ctx = await withLegacyRole();
    expect(await getPermissionsForRole(ctx, LEGACY)).toEqual({ status: "OK", permissions: ["everything"] });
    expect(await getUsersThatHaveRole(ctx, LEGACY)).toMatchObject({ status: "OK", users: ["u1"] });
    expect(await removeUserRole(ctx, "u1", LEGACY)).toEqual({ status: "OK", didUserHaveRole: true });
    expect(await ctx.stores.roles.getRolesForUser("u1")).toEqual([]);
    expect(await deleteRole(ctx, LEGACY)).toEqual({ status: "OK", didRoleExist: true });
    expect(await getAllRoles(ctx)).toEqual([]);
  });

  it("names nothing when no stored role has it", async () => {
    const ctx = await withLegacyRole();
    expect(await getPermissionsForRole(ctx, " admin")).toEqual({ status: "UNKNOWN_ROLE_ERROR" });
    expect(await deleteRole(ctx, "admin")).toEqual({ status: "OK", didRoleExist: false });
    expect(await getAllRoles(ctx)).toEqual([LEGACY]);
  });
});
