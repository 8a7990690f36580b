import type { ImportInputLine } from "../../auth/import/import-users";

/**
 * Where `gatehouse import` reads users from: a JSON Lines file, or another system's database
 * whose rows a reader turns into lines of the import format (docs/migrating.md).
 */
export interface ImportSource {
  /** How many users there are, for the ETA; undefined when it cannot be known up front. */
  count(): Promise<number | undefined>;
  lines(): AsyncIterable<ImportInputLine>;
  /** Roles and their permissions, for sources that keep permissions (SuperTokens). */
  roles?(): Promise<RoleWithPermissions[]>;
  close(): Promise<void>;
}

/** Roles with their permissions, created before the users (a source that has permissions). */
export interface RoleWithPermissions {
  role: string;
  permissions: string[];
}
