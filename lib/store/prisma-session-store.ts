/** SessionStore on Prisma. Revocation is deletion of the row. */
import type { AuditEventRow, SessionRow, SessionStore } from "../auth/ports";
import type { DatabaseProvider } from "./database-url.mjs";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import { AUDIT_EVENT_COLUMNS, auditEventValues } from "./prisma-audit-store";
import type { PrismaClientSource } from "./prisma-client";
import { isForeignKeyViolation } from "./prisma-errors";
import {
  CLAIM_FACT_COLUMNS,
  CLAIM_FACT_JOINS,
  CLAIM_FACTS_AS_JSON,
  rotation,
  SESSION_COLUMNS,
  sessionValues,
  toAccessTokenSource,
  toRotatedAccessTokenSource,
  toSessionRow,
  whilePasswordHashIs,
  type AccessTokenSourceRow,
  type RotatedAccessTokenSourceRow,
} from "./session-rows";
import { empty, insertSelectSql, insertSql, sql } from "./sql-statements";

/** Handles per DELETE: stays well under every database's bound-parameter limit. */
const DELETE_BATCH = 500;

/** A session live at `liveAt` (SessionStore.updateSession), as conditions of the statement's own WHERE: no read before the write. */
function liveWhere(liveAt: Date | undefined) {
  return liveAt ? { expiresAt: { gt: liveAt }, absoluteExpiresAt: { gt: liveAt } } : {};
}

export interface PrismaSessionStoreOptions {
  /** The database behind `client`: PostgreSQL and SQLite get the one-statement refresh. @default a portable two-statement refresh */
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
      // Compared again exactly: MySQL's collation matches regardless of case (and pads).
      return record && record.sessionHandle === sessionHandle ? toSessionRow(record) : null;
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
      if (options.provider === "sqlite") {
        // SQLite returns the swapped row with its claims' facts from subqueries (CLAIM_FACTS_AS_JSON):
        // one statement and one commit. Its writes take turns, so a second swap of the same token
        // runs after this one and matches nothing.
        const prisma = await client();
        const rows = await prisma.$queryRaw<RotatedAccessTokenSourceRow[]>(
          sql`${rotation(sessionHandle, expectedRefreshTokenHash, next, onlyIf)} RETURNING user_id, jwt_payload, created_at, ${CLAIM_FACTS_AS_JSON}`,
        );
        return toRotatedAccessTokenSource(rows);
      }
      if (options.provider === "postgresql") {
        // PostgreSQL returns the swapped row into the claims' joins: the refresh is one statement,
        // one round trip and one commit. A concurrent swap of the same token blocks on the row,
        // then re-checks the WHERE against the new hash and matches nothing, as the plain UPDATE does.
        const prisma = await client();
        const rows = await prisma.$queryRaw<AccessTokenSourceRow[]>(sql`
          WITH s AS (${rotation(sessionHandle, expectedRefreshTokenHash, next, onlyIf)} RETURNING user_id, jwt_payload, created_at)
          SELECT s.user_id, s.jwt_payload, s.created_at, ${CLAIM_FACT_COLUMNS} FROM s ${CLAIM_FACT_JOINS}`);
        return toAccessTokenSource(rows);
      }
      // MariaDB (and a store told no provider) has no UPDATE … RETURNING: the swap, then the read.
      if (!(await store.rotateRefreshToken(sessionHandle, expectedRefreshTokenHash, next, onlyIf))) return null;
      return store.getSessionForAccessToken(sessionHandle);
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

    async deleteSessionsExpiredBefore(before) {
      const prisma = await client();
      // On the expires_at index; the engine keeps expires_at at or before absolute_expires_at.
      const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: before } } });
      return count;
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
