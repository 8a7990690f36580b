import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { createNewRoleOrAddPermissions, getAllRoles, getPermissionsForRole } from "./roles";

/**
 * Names the admin API, the CLI, the import and the config seeding all refuse (isValidRoleName).
 * From the deployer's own code they went straight to the store: stored on SQLite and PostgreSQL
 * as a role that no admin route or CLI command could then name (400), and on MySQL/MariaDB,
 * past VARCHAR(191), a STORE_FAILED: a 503 that says the database is down.
 */
const badNames = ["", " admin", "admin ", "ad\nmin", "a".repeat(192)];

describe("createNewRoleOrAddPermissions from the deployer's code", () => {
  for (const bad of badNames) {
    it(`refuses the role name ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 8)}…(${bad.length})` : bad)} by name, writing nothing`, async () => {
      const { ctx } = createTestEngine();
      await expect(createNewRoleOrAddPermissions(ctx, bad, ["read"])).rejects.toMatchObject({
        name: "GatehouseError",
        code: "INVALID_ARGUMENT",
        message: expect.stringContaining("role"),
      });
      expect(await getAllRoles(ctx)).toEqual([]);
    });

    it(`refuses the permission name ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 8)}…(${bad.length})` : bad)}, writing nothing`, async () => {
      const { ctx } = createTestEngine();
      await createNewRoleOrAddPermissions(ctx, "editor", ["read"]);
      await expect(createNewRoleOrAddPermissions(ctx, "editor", ["write", bad])).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
      await expect(createNewRoleOrAddPermissions(ctx, "writer", [bad])).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
      expect(await getAllRoles(ctx)).toEqual(["editor"]);
      expect(await getPermissionsForRole(ctx, "editor")).toEqual({ status: "OK", permissions: ["read"] });
    });
  }

  it("valid names are kept as given", async () => {
    const { ctx } = createTestEngine();
    expect(await createNewRoleOrAddPermissions(ctx, "a".repeat(191), ["documents:write", "ünïcode"])).toMatchObject({ createdNewRole: true });
  });
});
