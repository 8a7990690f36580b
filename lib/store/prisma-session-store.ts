/** SessionStore on Prisma. Revocation is deletion of the row. */
import type { SessionRow, SessionStore } from "../auth/ports";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import type { PrismaClientSource } from "./prisma-client";

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
}

function toSessionRow(record: SessionRecord): SessionRow {
  return {
    ...record,
    sessionData: fromJsonColumn(record.sessionData, "sessions.session_data"),
    jwtPayload: fromJsonColumn(record.jwtPayload, "sessions.jwt_payload"),
  };
}

export function createPrismaSessionStore(client: PrismaClientSource): SessionStore {
  return {
    async createSession(row) {
      const prisma = await client();
      await prisma.session.create({
        data: { ...row, sessionData: toJsonColumn(row.sessionData), jwtPayload: toJsonColumn(row.jwtPayload) },
      });
    },

    async getSession(sessionHandle) {
      const prisma = await client();
      const record = await prisma.session.findUnique({ where: { sessionHandle } });
      return record ? toSessionRow(record) : null;
    },

    async rotateRefreshToken(sessionHandle, expectedRefreshTokenHash, next) {
      const prisma = await client();
      // Compare-and-swap in one UPDATE ... WHERE: of concurrent refreshes presenting the same
      // token, the database lets exactly one match the old hash. A read-then-write here would
      // let two of them rotate and hand out two live refresh tokens.
      const { count } = await prisma.session.updateMany({
        where: { sessionHandle, refreshTokenHash: expectedRefreshTokenHash },
        data: {
          refreshTokenHash: next.refreshTokenHash,
          previousRefreshTokenHash: next.previousRefreshTokenHash,
          rotatedAt: next.rotatedAt,
          expiresAt: next.expiresAt,
          lastActiveAt: next.lastActiveAt,
        },
      });
      return count === 1;
    },

    async updateSession(sessionHandle, patch) {
      const prisma = await client();
      const data = {
        ...(patch.sessionData !== undefined && { sessionData: toJsonColumn(patch.sessionData) }),
        ...(patch.jwtPayload !== undefined && { jwtPayload: toJsonColumn(patch.jwtPayload) }),
        ...(patch.lastActiveAt !== undefined && { lastActiveAt: patch.lastActiveAt }),
      };
      if (Object.keys(data).length === 0) {
        return (await prisma.session.count({ where: { sessionHandle } })) > 0;
      }
      // Counts matched rows on every database (the mariadb driver reports found rows by
      // default), so an update that changes nothing still reports the session as present.
      const { count } = await prisma.session.updateMany({ where: { sessionHandle }, data });
      return count > 0;
    },

    async deleteSession(sessionHandle) {
      const prisma = await client();
      const { count } = await prisma.session.deleteMany({ where: { sessionHandle } });
      return count > 0;
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
}
