/** SessionStore on Prisma. Revocation is deletion of the row. */
import type { AccessTokenSource, AuditEventRow, SessionRow, SessionStore, StoredSessionRow } from "../auth/ports";
import type { DatabaseProvider } from "./database-url.mjs";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import { AUDIT_EVENT_COLUMNS, auditEventValues } from "./prisma-audit-store";
import type { PrismaClientSource } from "./prisma-client";
import { isForeignKeyViolation } from "./prisma-errors";
import { CLAIM_FACT_HAS_EMAIL, CLAIM_FACT_IDENTITY_JOIN, foldClaimFacts, type ClaimFactsRow } from "./session-claim-facts-rows";
import { dateColumn, empty, insertSelectSql, insertSql, raw, sql } from "./sql-statements";

type RotationChange = Parameters<SessionStore["rotateRefreshToken"]>[2];

/** Handles per DELETE: stays well under every database's bound-parameter limit. */
const DELETE_BATCH = 500;

interface SessionRecord {
  sessionHandle: string;
  userId: string;
  sessionData: string;
  jwtPayload: string;
  refreshTokenHash: string;
  previousRefreshTokenHash: string | null;
  rotatedAt: Date | null;
  createdAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  lastActiveAt: Date;
  userAgent: string | null;
  ip: string | null;
  payloadVersion: number;
}

const SESSION_COLUMNS = [
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

function sessionValues(row: SessionRow): unknown[] {
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

function toSessionRow(record: SessionRecord): StoredSessionRow {
  return {
    ...record,
    sessionData: fromJsonColumn(record.sessionData, "sessions.session_data"),
    jwtPayload: fromJsonColumn(record.jwtPayload, "sessions.jwt_payload"),
  };
}

/** The guarded compare-and-swap of a refresh (see SessionStore.rotateRefreshToken), as plain SQL. */
function rotation(sessionHandle: string, expectedRefreshTokenHash: string, next: RotationChange, onlyIf?: { liveAt: Date; absoluteAtLeast: Date }) {
  const live = onlyIf ? sql` AND expires_at > ${onlyIf.liveAt} AND absolute_expires_at >= ${onlyIf.absoluteAtLeast}` : empty;
  return sql`UPDATE sessions SET refresh_token_hash = ${next.refreshTokenHash}, previous_refresh_token_hash = ${next.previousRefreshTokenHash},
    rotated_at = ${next.rotatedAt}, expires_at = ${next.expiresAt}, last_active_at = ${next.lastActiveAt}
    WHERE session_handle = ${sessionHandle} AND refresh_token_hash = ${expectedRefreshTokenHash}${live}`;
}

/** The built-in claims' facts of a session's user, joined to a row `s` with a `user_id`. */
const CLAIM_FACT_COLUMNS = raw(`u.email_verified, ${CLAIM_FACT_HAS_EMAIL}, ur.role, rp.permission`);
const CLAIM_FACT_JOINS = raw(
  `LEFT JOIN users u ON u.id = s.user_id ${CLAIM_FACT_IDENTITY_JOIN} LEFT JOIN user_roles ur ON ur.user_id = s.user_id LEFT JOIN role_permissions rp ON rp.role = ur.role`,
);

type AccessTokenSourceRow = ClaimFactsRow & { user_id: string; jwt_payload: string; created_at: unknown };

function toAccessTokenSource(rows: AccessTokenSourceRow[]): AccessTokenSource | null {
  if (rows.length === 0) return null;
  const [first] = rows;
  return {
    userId: first.user_id,
    jwtPayload: fromJsonColumn(first.jwt_payload, "sessions.jwt_payload"),
    facts: foldClaimFacts(rows),
    createdAt: dateColumn(first.created_at, "sessions.created_at"),
  };
}

/**
 * The source of a session INSERT that a password sign-in makes: the user's email+password account,
 * only while it holds the hash the sign-in verified. PostgreSQL and MariaDB lock the account row
 * until the write commits, so a password change waits for it and then revokes it with the rest
 * (SessionStore.createSession). SQLite needs no lock: its writes take turns.
 */
function whilePasswordHashIs(userId: string, passwordHash: string, provider: DatabaseProvider | undefined) {
  // MariaDB's column collation ignores case and trailing spaces: the hash is compared as bytes.
  if (provider === "mysql") {
    return sql`FROM email_password_accounts WHERE user_id = ${userId} AND CAST(password_hash AS BINARY) = CAST(${passwordHash} AS BINARY) LOCK IN SHARE MODE`;
  }
  const lock = provider === "postgresql" ? raw("FOR SHARE") : empty;
  return sql`FROM email_password_accounts WHERE user_id = ${userId} AND password_hash = ${passwordHash} ${lock}`;
}

/** A session live at `liveAt` (SessionStore.updateSession), as conditions of the statement's own WHERE: no read before the write. */
function liveWhere(liveAt: Date | undefined) {
  return liveAt ? { expiresAt: { gt: liveAt }, absoluteExpiresAt: { gt: liveAt } } : {};
}

export interface PrismaSessionStoreOptions {
  /** The database behind `client`: PostgreSQL gets the one-statement refresh. @default a portable two-statement refresh */
  provider?: DatabaseProvider;
}

export function createPrismaSessionStore(client: PrismaClientSource, options: PrismaSessionStoreOptions = {}): SessionStore {
  async function insertSession(row: SessionRow, auditEvent: AuditEventRow | undefined, onlyWhilePasswordHash: string | undefined): Promise<boolean> {
    const prisma = await client();
    // Plain SQL on the sign-in path: Prisma's query planning for a createMany cost three to
    // four times a raw statement's CPU here, and the rows are flat.
    const values = sessionValues(row);
    const session =
      onlyWhilePasswordHash === undefined
        ? insertSql("sessions", SESSION_COLUMNS, [values])
        : insertSelectSql("sessions", SESSION_COLUMNS, values, whilePasswordHashIs(row.userId, onlyWhilePasswordHash, options.provider));
    if (!auditEvent) return (await prisma.$executeRaw(session)) === 1;
    // Both rows or neither, with one commit: on PostgreSQL and MariaDB each commit waits for
    // its log flush, and two autocommitted INSERTs per sign-in waited for two. PostgreSQL takes
    // both INSERTs as one statement (one round trip, atomic as any statement); the others, a
    // transaction (BEGIN, two INSERTs, COMMIT). Under a condition, the audit row is written
    // only beside the session row: from the CTE's RETURNING, or from the row just inserted.
    const auditValues = auditEventValues(auditEvent);
    if (options.provider === "postgresql") {
      if (onlyWhilePasswordHash === undefined) {
        await prisma.$executeRaw(sql`WITH s AS (${session}) ${insertSql("audit_events", AUDIT_EVENT_COLUMNS, [auditValues])}`);
        return true;
      }
      const audit = insertSelectSql("audit_events", AUDIT_EVENT_COLUMNS, auditValues, sql`FROM s`);
      return (await prisma.$executeRaw(sql`WITH s AS (${session} RETURNING session_handle) ${audit}`)) === 1;
    }
    const audit =
      onlyWhilePasswordHash === undefined
        ? insertSql("audit_events", AUDIT_EVENT_COLUMNS, [auditValues])
        : insertSelectSql("audit_events", AUDIT_EVENT_COLUMNS, auditValues, sql`FROM sessions WHERE session_handle = ${row.sessionHandle}`);
    const [written] = await prisma.$transaction([prisma.$executeRaw(session), prisma.$executeRaw(audit)]);
    return written === 1;
  }

  const store: SessionStore = {
    async createSession(row, auditEvent, onlyWhilePasswordHash) {
      try {
        return await insertSession(row, auditEvent, onlyWhilePasswordHash);
      } catch (error) {
        // The user was deleted meanwhile (a deletion locks the user's row first, so this INSERT's
        // foreign-key check waited for it and then found no row): nothing was written.
        if (isForeignKeyViolation(error)) return false;
        throw error;
      }
    },

    async getSession(sessionHandle) {
      const prisma = await client();
      const record = await prisma.session.findUnique({ where: { sessionHandle } });
      return record ? toSessionRow(record) : null;
    },

    async rotateRefreshToken(sessionHandle, expectedRefreshTokenHash, next, onlyIf) {
      const prisma = await client();
      // Compare-and-swap in one UPDATE ... WHERE: of concurrent refreshes presenting the same
      // token, the database lets exactly one match the old hash. A read-then-write here would
      // let two of them rotate and hand out two live refresh tokens.
      return (await prisma.$executeRaw(rotation(sessionHandle, expectedRefreshTokenHash, next, onlyIf))) === 1;
    },

    async getSessionForAccessToken(sessionHandle) {
      const prisma = await client();
      // One statement: the session, its user's email flag, and a row per role and permission.
      // LEFT JOIN users: a session whose user row is gone still reads (unverified), as before.
      const rows = await prisma.$queryRaw<AccessTokenSourceRow[]>(sql`
        SELECT s.user_id, s.jwt_payload, s.created_at, ${CLAIM_FACT_COLUMNS} FROM sessions s ${CLAIM_FACT_JOINS}
        WHERE s.session_handle = ${sessionHandle}`);
      return toAccessTokenSource(rows);
    },

    async rotateAndReadForAccessToken(sessionHandle, expectedRefreshTokenHash, next, onlyIf) {
      if (options.provider !== "postgresql") {
        if (!(await store.rotateRefreshToken(sessionHandle, expectedRefreshTokenHash, next, onlyIf))) return null;
        return store.getSessionForAccessToken(sessionHandle);
      }
      const prisma = await client();
      // PostgreSQL returns the swapped row into the claims' joins: the refresh is one statement,
      // one round trip and one commit. A concurrent swap of the same token blocks on the row,
      // then re-checks the WHERE against the new hash and matches nothing, as the plain UPDATE does.
      const rows = await prisma.$queryRaw<AccessTokenSourceRow[]>(sql`
        WITH s AS (${rotation(sessionHandle, expectedRefreshTokenHash, next, onlyIf)} RETURNING user_id, jwt_payload, created_at)
        SELECT s.user_id, s.jwt_payload, s.created_at, ${CLAIM_FACT_COLUMNS} FROM s ${CLAIM_FACT_JOINS}`);
      return toAccessTokenSource(rows);
    },

    async updateSession(sessionHandle, patch, liveAt) {
      const prisma = await client();
      const where = { sessionHandle, ...liveWhere(liveAt) };
      const data = {
        ...(patch.sessionData !== undefined && { sessionData: toJsonColumn(patch.sessionData) }),
        ...(patch.lastActiveAt !== undefined && { lastActiveAt: patch.lastActiveAt }),
      };
      if (Object.keys(data).length === 0) {
        return (await prisma.session.count({ where })) > 0;
      }
      // Counts matched rows on every database (the mariadb driver reports found rows by
      // default), so an update that changes nothing still reports the session as present.
      const { count } = await prisma.session.updateMany({ where, data });
      return count > 0;
    },

    async replaceJwtPayload(sessionHandle, expectedPayloadVersion, jwtPayload, liveAt) {
      const prisma = await client();
      const { count } = await prisma.session.updateMany({
        where: { sessionHandle, payloadVersion: expectedPayloadVersion, ...liveWhere(liveAt) },
        data: { jwtPayload: toJsonColumn(jwtPayload), payloadVersion: { increment: 1 } },
      });
      return count > 0;
    },

    async deleteSession(sessionHandle) {
      const prisma = await client();
      const { count } = await prisma.session.deleteMany({ where: { sessionHandle } });
      return count > 0;
    },

    async deleteSessions(sessionHandles) {
      const prisma = await client();
      for (let start = 0; start < sessionHandles.length; start += DELETE_BATCH) {
        await prisma.session.deleteMany({ where: { sessionHandle: { in: sessionHandles.slice(start, start + DELETE_BATCH) } } });
      }
      return [...sessionHandles];
    },

    async deleteSessionsForUser(userId) {
      const prisma = await client();
      // Not every database returns deleted rows, so: read handles, delete exactly those, and
      // repeat until none are left, which also catches sessions created meanwhile.
      const deleted: string[] = [];
      for (;;) {
        const batch = await prisma.session.findMany({
          where: { userId },
          select: { sessionHandle: true },
          take: DELETE_BATCH,
        });
        if (batch.length === 0) return deleted;
        const handles = batch.map((s) => s.sessionHandle);
        await prisma.session.deleteMany({ where: { userId, sessionHandle: { in: handles } } });
        deleted.push(...handles);
      }
    },

    async listSessionsOfOrganizationMembers(organizationId, onlyUserId) {
      const prisma = await client();
      // One statement over the members' primary key (its prefix, or all of it for one member) and the sessions' user index.
      const oneMember = onlyUserId === undefined ? empty : sql` AND m.user_id = ${onlyUserId}`;
      const rows = await prisma.$queryRaw<{ session_handle: string; user_id: string; jwt_payload: string; organization_id: string }[]>(sql`
        SELECT s.session_handle, s.user_id, s.jwt_payload, m.organization_id
        FROM organization_members m JOIN sessions s ON s.user_id = m.user_id
        WHERE m.organization_id = ${organizationId}${oneMember}`);
      // Compared again exactly: MySQL's default collation matches regardless of case.
      return rows
        .filter((row) => row.organization_id === organizationId && (onlyUserId === undefined || row.user_id === onlyUserId))
        .map((row) => ({
          sessionHandle: row.session_handle,
          userId: row.user_id,
          jwtPayload: fromJsonColumn(row.jwt_payload, "sessions.jwt_payload"),
        }));
    },

    async listSessionsForUser(userId, now) {
      const prisma = await client();
      const records = await prisma.session.findMany({
        where: { userId, expiresAt: { gt: now } },
        orderBy: [{ createdAt: "asc" }, { sessionHandle: "asc" }],
      });
      return records.map(toSessionRow);
    },

    async listSessionHandlesForUser(userId, now) {
      const prisma = await client();
      const sessions = await prisma.session.findMany({
        where: { userId, expiresAt: { gt: now } },
        select: { sessionHandle: true },
        orderBy: [{ createdAt: "asc" }, { sessionHandle: "asc" }],
      });
      return sessions.map((s) => s.sessionHandle);
    },
  };
  return store;
}
