import type { RoleStore } from "../ports/role-store";

const sorted = (values: Iterable<string>) => [...values].sort();

/** In-memory RoleStore for unit tests; honours the same contract as the Prisma one. */
export function createMemoryRoleStore(): RoleStore {
  const roles = new Map<string, Set<string>>();
  const userRoles = new Map<string, Set<string>>();

  return {
    async createRoleOrAddPermissions(role, permissions) {
      const createdNewRole = !roles.has(role);
      const set = roles.get(role) ?? new Set<string>();
      permissions.forEach((p) => set.add(p));
      roles.set(role, set);
      return { createdNewRole };
    },
    async deleteRole(role) {
      if (!roles.delete(role)) return false;
      for (const set of userRoles.values()) set.delete(role);
      return true;
    },
    async listRoles() {
      return sorted(roles.keys());
    },
    async getPermissionsForRole(role) {
      const set = roles.get(role);
      return set ? sorted(set) : null;
    },
    async removePermissionsFromRole(role, permissions) {
      const set = roles.get(role);
      if (!set) return false;
      permissions.forEach((p) => set.delete(p));
      return true;
    },
    async getRolesThatHavePermission(permission) {
      return sorted([...roles].filter(([, set]) => set.has(permission)).map(([role]) => role));
    },
    async addRoleToUser(userId, role) {
      if (!roles.has(role)) return { status: "UNKNOWN_ROLE_ERROR" };
      const set = userRoles.get(userId) ?? new Set<string>();
      const didUserAlreadyHaveRole = set.has(role);
      set.add(role);
      userRoles.set(userId, set);
      return { status: "OK", didUserAlreadyHaveRole };
    },
    async removeRoleFromUser(userId, role) {
      if (!roles.has(role)) return { status: "UNKNOWN_ROLE_ERROR" };
      return { status: "OK", didUserHaveRole: userRoles.get(userId)?.delete(role) ?? false };
    },
    async getRolesForUser(userId) {
      return sorted(userRoles.get(userId) ?? []);
    },
    async getPermissionsForUser(userId) {
      const permissions = new Set<string>();
      for (const role of userRoles.get(userId) ?? []) roles.get(role)?.forEach((p) => permissions.add(p));
      return sorted(permissions);
    },
    async getUsersThatHaveRole(role, { limit, afterUserId }) {
      if (!roles.has(role)) return null;
      return sorted([...userRoles].filter(([, set]) => set.has(role)).map(([userId]) => userId))
        .filter((id) => afterUserId === undefined || id > afterUserId)
        .slice(0, limit);
    },
  };
}
