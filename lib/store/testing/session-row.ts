import { createHash, randomUUID } from "node:crypto";
import type { SessionRow } from "../../auth/ports";

const HOUR_MS = 3_600_000;

/**
 * A session row of `userId` for store tests, begun at `createdAt`: a fresh handle and refresh
 * hash, live for an hour, capped at two (`overrides` changes any of it).
 */
export function sessionRowFor(userId: string, createdAt: Date, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    sessionHandle: randomUUID(),
    userId,
    sessionData: {},
    jwtPayload: {},
    refreshTokenHash: createHash("sha256").update(randomUUID()).digest("hex"),
    previousRefreshTokenHash: null,
    rotatedAt: null,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + HOUR_MS),
    absoluteExpiresAt: new Date(createdAt.getTime() + 2 * HOUR_MS),
    lastActiveAt: createdAt,
    userAgent: null,
    ip: null,
    ...overrides,
  };
}
