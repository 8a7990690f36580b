/**
 * The built-in claims' facts read in the same statement as the row they belong to: the user's
 * `email_verified`, and one result row per (role, permission) pair from two LEFT JOINs
 * (user_roles, then role_permissions). The queries are plain SQL with lower-case, unquoted
 * names, which SQLite, PostgreSQL and MariaDB all read alike.
 */
import type { SessionClaimFacts } from "../auth/ports";
import { booleanColumn } from "./sql-statements";

export interface ClaimFactsRow {
  email_verified: unknown;
  role: string | null;
  permission: string | null;
}

/**
 * Folds the joined rows into facts. Drivers differ in how a boolean column comes back (SQLite
 * and MariaDB: 0/1, as number or bigint; PostgreSQL: boolean); a missing user reads as false,
 * as the email-verification claim has always read it. Sorted by code point, the same on every
 * database (a collation would order mixed case differently per database).
 */
export function foldClaimFacts(rows: readonly ClaimFactsRow[]): SessionClaimFacts {
  const roles = new Set<string>();
  const permissions = new Set<string>();
  for (const row of rows) {
    if (row.role !== null) roles.add(row.role);
    if (row.permission !== null) permissions.add(row.permission);
  }
  const flag = rows[0]?.email_verified;
  return { emailVerified: booleanColumn(flag), roles: sortedByCodePoint(roles), permissions: sortedByCodePoint(permissions) };
}

function sortedByCodePoint(values: Set<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
