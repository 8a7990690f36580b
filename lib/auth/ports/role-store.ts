/**
 * Storage of roles, their permissions and who holds them. Role and permission names are
 * validated by the engine (lib/auth/userroles/roles.ts) before they reach a store.
 */
export interface RoleStore {
  /** Creates the role if needed and adds the permissions it lacks. */
  createRoleOrAddPermissions(role: string, permissions: string[]): Promise<{ createdNewRole: boolean }>;
  /** Deletes the role; every user loses it (cascade). Returns whether it existed. */
  deleteRole(role: string): Promise<boolean>;
  /** All roles, sorted by name. */
  listRoles(): Promise<string[]>;
  /** The role's permissions sorted, or null for an unknown role. */
  getPermissionsForRole(role: string): Promise<string[] | null>;
  /** Removes permissions from a role; false for an unknown role. */
  removePermissionsFromRole(role: string, permissions: string[]): Promise<boolean>;
  /** Roles granting the permission, sorted. */
  getRolesThatHavePermission(permission: string): Promise<string[]>;
  /**
   * Gives a user a role. UNKNOWN_ROLE_ERROR when the role does not exist (including one deleted
   * concurrently); a user who already has it is reported, not an error. UNKNOWN_USER_ERROR when
   * the database's foreign key finds no such user (one deleted since the caller looked them up);
   * a store that keeps no users (the memory one) does not check.
   */
  addRoleToUser(
    userId: string,
    role: string,
  ): Promise<{ status: "OK"; didUserAlreadyHaveRole: boolean } | { status: "UNKNOWN_ROLE_ERROR" } | { status: "UNKNOWN_USER_ERROR" }>;
  removeRoleFromUser(userId: string, role: string): Promise<{ status: "OK"; didUserHaveRole: boolean } | { status: "UNKNOWN_ROLE_ERROR" }>;
  /** The user's roles, sorted. */
  getRolesForUser(userId: string): Promise<string[]>;
  /** The union of the permissions of the user's roles, sorted. */
  getPermissionsForUser(userId: string): Promise<string[]>;
  /**
   * Users holding the role, ordered by user id, `limit` at a time after `afterUserId`
   * (keyset pagination: a deep page costs what the first does). Null for an unknown role.
   */
  getUsersThatHaveRole(role: string, page: { limit: number; afterUserId?: string }): Promise<string[] | null>;
}
