/**
 * The sessions table as the Prisma store writes and reads it in plain SQL: its columns and row
 * mapping, the refresh's compare-and-swap, the claims' joins and the password-guarded INSERT's
 * source. The store (prisma-session-store.ts) composes them into statements.
 */
import type { AccessTokenSource, RotationGuard, SessionRow, SessionStore, StoredSessionRow } from "../auth/ports";
import { lifetimeBounds } from "../auth/session/session-liveness";
import type { DatabaseProvider } from "./database-url.mjs";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import {
  CLAIM_FACT_HAS_EMAIL,
  CLAIM_FACT_HAS_EMAIL_VALUE,
  CLAIM_FACT_IDENTITY_JOIN,
  claimFactsRowsOfJson,
  foldClaimFacts,
  type ClaimFactsRow,
} from "./session-claim-facts-rows";
import { dateColumn, empty, raw, sql } from "./sql-statements";

type RotationChange = Parameters<SessionStore["rotateRefreshToken"]>[2];

/** A row as the database returns it: the row the store hands out, its JSON columns still text. */
type SessionRecord = Omit<StoredSessionRow, "sessionData" | "jwtPayload"> & { sessionData: string; jwtPayload: string };

export const SESSION_COLUMNS = [
  "session_handle",
  "user_id",
  "session_data",
  "jwt_payload",
  "refresh_token_hash",
  "previous_refresh_token_hash",
  "rotated_at",
  "created_at",
  "expires_at",
  "absolute_expires_at",
  "last_active_at",
  "user_agent",
  "ip",
] as const;

export function sessionValues(row: SessionRow): unknown[] {
  return [
    row.sessionHandle,
    row.userId,
    toJsonColumn(row.sessionData),
    toJsonColumn(row.jwtPayload),
    row.refreshTokenHash,
    row.previousRefreshTokenHash,
    row.rotatedAt,
    row.createdAt,
    row.expiresAt,
    row.absoluteExpiresAt,
    row.lastActiveAt,
    row.userAgent,
    row.ip,
  ];
}

export function toSessionRow(record: SessionRecord): StoredSessionRow {
  return {
    ...record,
    sessionData: fromJsonColumn(record.sessionData, "sessions.session_data"),
    jwtPayload: fromJsonColumn(record.jwtPayload, "sessions.jwt_payload"),
  };
}

/**
 * The guarded compare-and-swap of a refresh (see SessionStore.rotateRefreshToken), as plain SQL.
 * The guard's lifetimes become bounds on the row's own columns, so the swap stays one UPDATE
 * on the primary key: the sliding end counts from rotated_at (last_active_at while it is null:
 * created_at before the first refresh), the absolute one from created_at (session-liveness.ts).
 */
export function rotation(sessionHandle: string, expectedRefreshTokenHash: string, next: RotationChange, onlyIf?: RotationGuard) {
  const live = onlyIf ? rotationGuard(onlyIf) : empty;
  return sql`UPDATE sessions SET refresh_token_hash = ${next.refreshTokenHash}, previous_refresh_token_hash = ${next.previousRefreshTokenHash},
    rotated_at = ${next.rotatedAt}, expires_at = ${next.expiresAt}, last_active_at = ${next.lastActiveAt}
    WHERE session_handle = ${sessionHandle} AND refresh_token_hash = ${expectedRefreshTokenHash}${live}`;
}

function rotationGuard({ liveAt, absoluteAtLeast, lifetimes }: RotationGuard) {
  const { refreshedAfter } = lifetimeBounds(liveAt, lifetimes);
  const createdAtLeast = new Date(absoluteAtLeast.getTime() - lifetimes.absoluteSessionTtlSeconds * 1000);
  return sql` AND expires_at > ${liveAt} AND absolute_expires_at >= ${absoluteAtLeast}
    AND COALESCE(rotated_at, last_active_at) > ${refreshedAfter} AND created_at >= ${createdAtLeast}`;
}

/** The built-in claims' facts of a session's user, joined to a row `s` with a `user_id`. */
export const CLAIM_FACT_COLUMNS = raw(`u.email_verified, ${CLAIM_FACT_HAS_EMAIL}, ur.role, rp.permission`);
const CLAIM_FACT_JOIN_TEXT = `LEFT JOIN users u ON u.id = s.user_id ${CLAIM_FACT_IDENTITY_JOIN} LEFT JOIN user_roles ur ON ur.user_id = s.user_id LEFT JOIN role_permissions rp ON rp.role = ur.role`;
export const CLAIM_FACT_JOINS = raw(CLAIM_FACT_JOIN_TEXT);

/**
 * SQLite: the same joined rows, for the row an `UPDATE sessions … RETURNING` just changed, as one
 * JSON column (`claim_facts`, read by toRotatedAccessTokenSource). SQLite's RETURNING cannot feed
 * a join, but a subquery in it may read other tables, so its refresh is one statement too.
 */
export const CLAIM_FACTS_AS_JSON = raw(
  `(SELECT json_group_array(json_array(u.email_verified, ${CLAIM_FACT_HAS_EMAIL_VALUE}, ur.role, rp.permission))
    FROM (SELECT sessions.user_id AS user_id) s ${CLAIM_FACT_JOIN_TEXT}) AS claim_facts`,
);

export type AccessTokenSourceRow = ClaimFactsRow & { user_id: string; jwt_payload: string; created_at: unknown };

export function toAccessTokenSource(rows: AccessTokenSourceRow[]): AccessTokenSource | null {
  if (rows.length === 0) return null;
  const [first] = rows;
  return {
    userId: first.user_id,
    jwtPayload: fromJsonColumn(first.jwt_payload, "sessions.jwt_payload"),
    facts: foldClaimFacts(rows),
    createdAt: dateColumn(first.created_at, "sessions.created_at"),
  };
}

export type RotatedAccessTokenSourceRow = Omit<AccessTokenSourceRow, keyof ClaimFactsRow> & { claim_facts: unknown };

/** What an `UPDATE sessions … RETURNING user_id, jwt_payload, created_at, CLAIM_FACTS_AS_JSON` returned. */
export function toRotatedAccessTokenSource(rows: RotatedAccessTokenSourceRow[]): AccessTokenSource | null {
  if (rows.length === 0) return null;
  const [{ claim_facts, ...session }] = rows;
  return toAccessTokenSource(claimFactsRowsOfJson(claim_facts).map((facts) => ({ ...session, ...facts })));
}

/**
 * The source of a session INSERT that a password sign-in makes: the user's email+password account,
 * only while it holds the hash the sign-in verified. PostgreSQL and MariaDB lock the account row
 * until the write commits, so a password change waits for it and then revokes it with the rest
 * (SessionStore.createSession). SQLite needs no lock: its writes take turns.
 */
export function whilePasswordHashIs(userId: string, passwordHash: string, provider: DatabaseProvider | undefined) {
  // MariaDB's column collation ignores case and trailing spaces: the hash is compared as bytes.
  if (provider === "mysql") {
    return sql`FROM email_password_accounts WHERE user_id = ${userId} AND CAST(password_hash AS BINARY) = CAST(${passwordHash} AS BINARY) LOCK IN SHARE MODE`;
  }
  const lock = provider === "postgresql" ? raw("FOR SHARE") : empty;
  return sql`FROM email_password_accounts WHERE user_id = ${userId} AND password_hash = ${passwordHash} ${lock}`;
}
