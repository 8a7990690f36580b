/**
 * The built-in claims' facts read in the same statement as the row they belong to: the user's
 * `email_verified` and whether it has an address at all, and one result row per (role, permission) pair from two LEFT JOINs
 * (user_roles, then role_permissions). The queries are plain SQL with lower-case, unquoted
 * names, which SQLite, PostgreSQL and MariaDB all read alike.
 */
import type { SessionClaimFacts } from "../auth/ports";
import { booleanColumn } from "./sql-statements";

export interface ClaimFactsRow {
  email_verified: unknown;
  /** 1/true when the user has an address to verify (CLAIM_FACT_HAS_EMAIL). */
  has_email: unknown;
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
  return {
    emailVerified: booleanColumn(flag),
    // A user without an address of its own has a row per identity (CLAIM_FACT_IDENTITY_JOIN): any of them says yes.
    hasEmail: rows.some((row) => booleanColumn(row.has_email)),
    roles: sortedByCodePoint(roles),
    permissions: sortedByCodePoint(permissions),
  };
}

/**
 * The `has_email` column for a users row `u`: its own address, or a provider's unproven one (a
 * third-party identity, whose email the verification link goes to), joined by
 * CLAIM_FACT_IDENTITY_JOIN in the same statement, so no claim costs a round trip of its own. A
 * missing user counts as having one, so that its claim stays false.
 */
export const CLAIM_FACT_HAS_EMAIL_VALUE = "CASE WHEN u.id IS NULL OR u.email IS NOT NULL OR tpa.id IS NOT NULL THEN 1 ELSE 0 END";
export const CLAIM_FACT_HAS_EMAIL = `${CLAIM_FACT_HAS_EMAIL_VALUE} AS has_email`;

/**
 * The user's identities, joined (on the user_id index) only for a user without an address of its
 * own: a user with one, nearly every user, gets no more rows than before.
 */
export const CLAIM_FACT_IDENTITY_JOIN = "LEFT JOIN third_party_accounts tpa ON tpa.user_id = u.id AND u.email IS NULL";

/**
 * The joined rows as CLAIM_FACTS_AS_JSON (session-rows.ts) returns them in one column: a JSON
 * array of `[email_verified, has_email, role, permission]`. Anything else is a broken statement,
 * not a user without facts, and throws.
 */
export function claimFactsRowsOfJson(text: unknown): ClaimFactsRow[] {
  const rows: unknown = typeof text === "string" ? JSON.parse(text) : undefined;
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`claim facts: unreadable value ${String(text)}`);
  return rows.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== 4) throw new Error(`claim facts: unreadable row ${JSON.stringify(row)}`);
    const [emailVerified, hasEmail, role, permission] = row as unknown[];
    return { email_verified: emailVerified, has_email: hasEmail, role: textOrNull(role), permission: textOrNull(permission) };
  });
}

function textOrNull(value: unknown): string | null {
  if (value === null || typeof value === "string") return value;
  throw new Error(`claim facts: unreadable name ${JSON.stringify(value)}`);
}

function sortedByCodePoint(values: Set<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
