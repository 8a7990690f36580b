import type { EngineContext } from "../context";
import { assertIdArgument } from "../id-argument";
import { isCursorId } from "../cursor-id";
import { pageLimit } from "../page-limit";
import { logAuthEvent } from "../log";
import { GatehouseError } from "../errors";

/**
 * User roles and permissions (SuperTokens' UserRoles recipe). Names are checked at the edge
 * (lib/http, the CLI, config seeding) with isValidRoleName, and again where a name is written
 * (createNewRoleOrAddPermissions), since the deployer's code calls these functions directly.
 * A change reaches live sessions through the `st-role` / `st-perm` claims: on each session's
 * next refresh, or at once for checks made with `checkDatabase`.
 */

/** Role and permission names: 1–191 printable characters (191 fits every database's index). */
export function isValidRoleName(name: string): boolean {
  return name.length >= 1 && name.length <= 191 && !/[\u0000-\u001f\u007f]/.test(name) && name.trim() === name;
}

/**
 * Whether `name` can be no stored permission's (roles: namesNoRole): a name isValidRoleName
 * refuses is not written, so it names none, and is answered so without asking the database. Asked, MariaDB's
 * binary collation pads with spaces: "admin " found the role "admin" there alone, so a grant
 * of "admin " gave the user that role's permissions and a deletion of it deleted "admin".
 */
function namesNothing(name: string): boolean {
  return !isValidRoleName(name);
}

/**
 * namesNothing for a role name, except a role stored before names were checked where they are
 * written (createNewRoleOrAddPermissions took " admin" from the deployer's code until then): its
 * users must still lose it, and it must still go. Found by exact comparison in the list, so on
 * MariaDB "admin " finds no role "admin"; only a refused name costs the read.
 */
async function namesNoRole(ctx: EngineContext, name: string): Promise<boolean> {
  return namesNothing(name) && !(await ctx.stores.roles.listRoles()).includes(name);
}

/**
 * Throws INVALID_ARGUMENT for a role or permission name isValidRoleName refuses: stored, it was a
 * role no admin route or CLI command could name, and past 191 characters MySQL's refusal came
 * back as STORE_FAILED, a 503 that reads as an outage.
 */
export async function createNewRoleOrAddPermissions(ctx: EngineContext, role: string, permissions: string[]) {
  assertPermissionList(permissions, "createNewRoleOrAddPermissions");
  const bad = [role, ...permissions].find((name) => typeof name !== "string" || !isValidRoleName(name));
  if (bad !== undefined) {
    throw new GatehouseError(
      "INVALID_ARGUMENT",
      `createNewRoleOrAddPermissions: ${bad === role ? "the role" : "a permission"} name ${JSON.stringify(bad)} is not 1–191 printable characters without surrounding spaces`,
    );
  }
  const result = await ctx.stores.roles.createRoleOrAddPermissions(role, permissions);
  logAuthEvent(ctx, result.createdNewRole ? "role.created" : "role.permissions_added", { role, count: permissions.length });
  return result;
}

/**
 * Throws INVALID_ARGUMENT unless `permissions` is an array of non-empty strings: the database
 * reads `permission: { in: undefined }` as no condition, so removing "these" permissions removed
 * every permission of the role (and adding them threw a bare TypeError).
 */
function assertPermissionList(permissions: unknown, caller: string): asserts permissions is string[] {
  if (!Array.isArray(permissions)) {
    throw new GatehouseError(
      "INVALID_ARGUMENT",
      `${caller}: permissions must be an array of names, got ${permissions === null ? "null" : typeof permissions}`,
    );
  }
  permissions.forEach((permission, i) => assertIdArgument(permission, `${caller}: permissions[${i}]`));
}

/** Deletes a role; every user loses it. */
export async function deleteRole(ctx: EngineContext, role: string): Promise<{ status: "OK"; didRoleExist: boolean }> {
  assertIdArgument(role, "deleteRole: role");
  if (await namesNoRole(ctx, role)) return { status: "OK", didRoleExist: false };
  const didRoleExist = await ctx.stores.roles.deleteRole(role);
  if (didRoleExist) logAuthEvent(ctx, "role.deleted", { role });
  return { status: "OK", didRoleExist };
}

export function getAllRoles(ctx: EngineContext): Promise<string[]> {
  return ctx.stores.roles.listRoles();
}

export async function getPermissionsForRole(
  ctx: EngineContext,
  role: string,
): Promise<{ status: "OK"; permissions: string[] } | { status: "UNKNOWN_ROLE_ERROR" }> {
  assertIdArgument(role, "getPermissionsForRole: role");
  if (await namesNoRole(ctx, role)) return { status: "UNKNOWN_ROLE_ERROR" };
  const permissions = await ctx.stores.roles.getPermissionsForRole(role);
  return permissions ? { status: "OK", permissions } : { status: "UNKNOWN_ROLE_ERROR" };
}

export async function removePermissionsFromRole(
  ctx: EngineContext,
  role: string,
  permissions: string[],
): Promise<{ status: "OK" | "UNKNOWN_ROLE_ERROR" }> {
  assertIdArgument(role, "removePermissionsFromRole: role");
  assertPermissionList(permissions, "removePermissionsFromRole");
  if (await namesNoRole(ctx, role)) return { status: "UNKNOWN_ROLE_ERROR" };
  const known = await ctx.stores.roles.removePermissionsFromRole(
    role,
    permissions.filter((permission) => !namesNothing(permission)),
  );
  if (known) logAuthEvent(ctx, "role.permissions_removed", { role, count: permissions.length });
  return { status: known ? "OK" : "UNKNOWN_ROLE_ERROR" };
}

export async function getRolesThatHavePermission(ctx: EngineContext, permission: string): Promise<string[]> {
  assertIdArgument(permission, "getRolesThatHavePermission: permission");
  if (namesNothing(permission)) return [];
  return ctx.stores.roles.getRolesThatHavePermission(permission);
}

export async function addRoleToUser(ctx: EngineContext, userId: string, role: string) {
  assertIdArgument(userId, "addRoleToUser: userId");
  assertIdArgument(role, "addRoleToUser: role");
  if (!(await ctx.stores.users.getUserById(userId))) return { status: "UNKNOWN_USER_ERROR" as const };
  if (await namesNoRole(ctx, role)) return { status: "UNKNOWN_ROLE_ERROR" as const };
  const result = await ctx.stores.roles.addRoleToUser(userId, role);
  if (result.status === "OK" && !result.didUserAlreadyHaveRole) logAuthEvent(ctx, "role.granted", { userId, role });
  return result;
}

export async function removeUserRole(ctx: EngineContext, userId: string, role: string) {
  assertIdArgument(userId, "removeUserRole: userId");
  assertIdArgument(role, "removeUserRole: role");
  if (!(await ctx.stores.users.getUserById(userId))) return { status: "UNKNOWN_USER_ERROR" as const };
  if (await namesNoRole(ctx, role)) return { status: "UNKNOWN_ROLE_ERROR" as const };
  const result = await ctx.stores.roles.removeRoleFromUser(userId, role);
  if (result.status === "OK" && result.didUserHaveRole) logAuthEvent(ctx, "role.removed", { userId, role });
  return result;
}

export async function getRolesForUser(ctx: EngineContext, userId: string): Promise<string[]> {
  assertIdArgument(userId, "getRolesForUser: userId");
  return ctx.stores.roles.getRolesForUser(userId);
}

export async function getPermissionsForUser(ctx: EngineContext, userId: string): Promise<string[]> {
  assertIdArgument(userId, "getPermissionsForUser: userId");
  return ctx.stores.roles.getPermissionsForUser(userId);
}

/**
 * Users holding a role, `limit` (1–500, others clamped, NaN read as the default 100) at a time. `paginationToken` is the opaque cursor from
 * the previous page; `nextPaginationToken` is absent on the last page. A token that cannot be
 * one (cursor-id.ts) is INVALID_PAGINATION_TOKEN_ERROR.
 */
export async function getUsersThatHaveRole(
  ctx: EngineContext,
  role: string,
  page: { limit?: number; paginationToken?: string } = {},
): Promise<
  { status: "OK"; users: string[]; nextPaginationToken?: string } | { status: "UNKNOWN_ROLE_ERROR" } | { status: "INVALID_PAGINATION_TOKEN_ERROR" }
> {
  assertIdArgument(role, "getUsersThatHaveRole: role");
  if (await namesNoRole(ctx, role)) return { status: "UNKNOWN_ROLE_ERROR" };
  const limit = pageLimit(page.limit, { defaultSize: 100, max: 500 });
  const afterUserId = page.paginationToken ? Buffer.from(page.paginationToken, "base64url").toString("utf8") : undefined;
  if (afterUserId !== undefined && !isCursorId(afterUserId)) return { status: "INVALID_PAGINATION_TOKEN_ERROR" };
  // One extra row tells whether another page exists without a count query.
  const users = await ctx.stores.roles.getUsersThatHaveRole(role, { limit: limit + 1, afterUserId });
  if (!users) return { status: "UNKNOWN_ROLE_ERROR" };
  const pageUsers = users.slice(0, limit);
  const more = users.length > limit;
  return {
    status: "OK",
    users: pageUsers,
    ...(more && { nextPaginationToken: Buffer.from(pageUsers[pageUsers.length - 1], "utf8").toString("base64url") }),
  };
}

/** Creates the roles named in lib/config (and adds missing permissions); never removes any. */
export async function seedRoles(ctx: EngineContext): Promise<string[]> {
  const created: string[] = [];
  for (const [role, permissions] of Object.entries(ctx.config.userRoles.roles)) {
    if ((await ctx.stores.roles.createRoleOrAddPermissions(role, permissions)).createdNewRole) created.push(role);
  }
  return created;
}
