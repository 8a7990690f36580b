/** RoleStore on Prisma. Every write is idempotent on its own, so concurrent grants, revokes and
 * role deletions settle into a consistent state without long transactions. */
import type { RoleStore } from "../auth/ports/role-store";
import { isForeignKeyViolation, isUniqueViolation, retryOnWriteConflict } from "./prisma-errors";
import type { PrismaClientSource } from "./prisma-client";

export function createPrismaRoleStore(client: PrismaClientSource): RoleStore {
  async function roleExists(name: string): Promise<boolean> {
    const prisma = await client();
    return (await prisma.role.count({ where: { name } })) > 0;
  }

  return {
    async createRoleOrAddPermissions(role, permissions) {
      const prisma = await client();
      let createdNewRole = true;
      try {
        await prisma.role.create({ data: { name: role } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        createdNewRole = false;
      }
      const existing = new Set((await prisma.rolePermission.findMany({ where: { role }, select: { permission: true } })).map((p) => p.permission));
      for (const permission of new Set(permissions)) {
        if (existing.has(permission)) continue;
        try {
          await prisma.rolePermission.create({ data: { role, permission } });
        } catch (error) {
          // Added meanwhile by a concurrent call: the outcome is the same.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return { createdNewRole };
    },

    async deleteRole(role) {
      const prisma = await client();
      // The foreign keys cascade: the role's permissions and every user's grant go with it.
      const { count } = await prisma.role.deleteMany({ where: { name: role } });
      return count > 0;
    },

    async listRoles() {
      const prisma = await client();
      return (await prisma.role.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((r) => r.name);
    },

    async getPermissionsForRole(role) {
      const prisma = await client();
      const found = await prisma.role.findUnique({
        where: { name: role },
        select: { permissions: { select: { permission: true }, orderBy: { permission: "asc" } } },
      });
      return found ? found.permissions.map((p) => p.permission) : null;
    },

    async removePermissionsFromRole(role, permissions) {
      if (!(await roleExists(role))) return false;
      const prisma = await client();
      await prisma.rolePermission.deleteMany({ where: { role, permission: { in: permissions } } });
      return true;
    },

    async getRolesThatHavePermission(permission) {
      const prisma = await client();
      const rows = await prisma.rolePermission.findMany({ where: { permission }, select: { role: true }, orderBy: { role: "asc" } });
      return rows.map((r) => r.role);
    },

    async addRoleToUser(userId, role) {
      if (!(await roleExists(role))) return { status: "UNKNOWN_ROLE_ERROR" };
      const prisma = await client();
      try {
        await retryOnWriteConflict(() => prisma.userRole.create({ data: { userId, role } }));
        return { status: "OK", didUserAlreadyHaveRole: false };
      } catch (error) {
        if (isUniqueViolation(error)) return { status: "OK", didUserAlreadyHaveRole: true };
        // The role was deleted between the check and the insert, or else the user was (an
        // operator deleting them just after the engine looked them up).
        if (isForeignKeyViolation(error)) return (await roleExists(role)) ? { status: "UNKNOWN_USER_ERROR" } : { status: "UNKNOWN_ROLE_ERROR" };
        throw error;
      }
    },

    async removeRoleFromUser(userId, role) {
      if (!(await roleExists(role))) return { status: "UNKNOWN_ROLE_ERROR" };
      const prisma = await client();
      // Concurrent grants and removals for one user can deadlock on InnoDB: seen in the contract test.
      const { count } = await retryOnWriteConflict(() => prisma.userRole.deleteMany({ where: { userId, role } }));
      return { status: "OK", didUserHaveRole: count > 0 };
    },

    async getRolesForUser(userId) {
      const prisma = await client();
      const rows = await prisma.userRole.findMany({ where: { userId }, select: { role: true }, orderBy: { role: "asc" } });
      return rows.map((r) => r.role);
    },

    async getPermissionsForUser(userId) {
      const prisma = await client();
      const rows = await prisma.rolePermission.findMany({
        where: { roleRef: { users: { some: { userId } } } },
        select: { permission: true },
        distinct: ["permission"],
        orderBy: { permission: "asc" },
      });
      return rows.map((r) => r.permission);
    },

    async getUsersThatHaveRole(role, { limit, afterUserId }) {
      if (!(await roleExists(role))) return null;
      const prisma = await client();
      const rows = await prisma.userRole.findMany({
        where: { role, ...(afterUserId !== undefined && { userId: { gt: afterUserId } }) },
        select: { userId: true },
        orderBy: { userId: "asc" },
        take: limit,
      });
      return rows.map((r) => r.userId);
    },
  };
}
