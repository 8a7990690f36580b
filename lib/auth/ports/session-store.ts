/** Storage of sessions: one row per session, keyed by its handle; revocation deletes the row. */
import type { AuditEventRow } from "./audit-store";
import type { SessionClaimFacts } from "./session-claim-facts";

/** What a new access token for a session needs: its owner, the deployer's payload and the built-in claims' facts. */
export interface AccessTokenSource {
  userId: string;
  jwtPayload: Record<string, unknown>;
  facts: SessionClaimFacts;
  /** When the session was created: a session is no session of an organization created after it (organizations/tenant-session.ts). */
  createdAt: Date;
}

/**
 * The session lifetimes configured now (`session` in lib/config), which bound every session
 * however long the ends it stored (session/session-liveness.ts).
 */
export interface SessionLifetimes {
  refreshTokenTtlSeconds: number;
  absoluteSessionTtlSeconds: number;
}

/**
 * The guard of a refresh's compare-and-swap: the row must be live at `liveAt` and its absolute
 * cap at `absoluteAtLeast` or later, its stored ends and `lifetimes` both judging
 * (session/session-liveness.ts: `rotatedAt`, or `lastActiveAt` while it is null, after
 * `liveAt` − the refresh lifetime; `createdAt` at or after `absoluteAtLeast` − the absolute one).
 */
export interface RotationGuard {
  liveAt: Date;
  absoluteAtLeast: Date;
  lifetimes: SessionLifetimes;
}

export interface SessionRow {
  sessionHandle: string;
  userId: string;
  /** Server-only data; never sent to the browser. */
  sessionData: Record<string, unknown>;
  /** The deployer's payload, re-minted into every refreshed access token. */
  jwtPayload: Record<string, unknown>;
  /** sha256 (hex) of the live refresh token. */
  refreshTokenHash: string;
  /** sha256 (hex) of the token it replaced, kept for the concurrency grace window. */
  previousRefreshTokenHash: string | null;
  /** When the live token replaced the previous one: the last refresh, from which the sliding expiry counts. */
  rotatedAt: Date | null;
  createdAt: Date;
  /** Sliding expiry of the refresh token. */
  expiresAt: Date;
  /** Absolute cap: no refresh succeeds after this, however active the session. */
  absoluteExpiresAt: Date;
  lastActiveAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** A session row as the store holds it: with its payload's version, for replaceJwtPayload. */
export interface StoredSessionRow extends SessionRow {
  /** How many times `jwtPayload` was replaced; 0 for a new session. */
  payloadVersion: number;
}

export interface SessionStore {
  /**
   * With `auditEvent` (the sign-in's or sign-up's event), its audit row is written in the same
   * transaction: both rows or neither, and one commit where two separate writes took two.
   *
   * With `onlyWhilePasswordHash` (a password sign-in: the hash it verified), the rows are written
   * only if the user's email+password account still holds that hash, checked in the session's
   * own INSERT and, where the database locks, with the account row locked against a change until
   * the write commits. A password change or reset writes the new hash before it revokes the
   * user's sessions, so a sign-in that proved the old password either finds the new hash here
   * and writes nothing, or is written before that revocation and is revoked by it.
   * Returns whether the session was written: false also when the user does not exist (deleted
   * meanwhile: UserAdminStore.deleteUser), which the database's foreign key tells, not a read.
   */
  createSession(row: SessionRow, auditEvent?: AuditEventRow, onlyWhilePasswordHash?: string): Promise<boolean>;
  /** The live session row, or null when it was revoked (deleted) or never existed. */
  getSession(sessionHandle: string): Promise<StoredSessionRow | null>;
  /**
   * Compare-and-swap rotation: applies `next` only if the row's current refresh hash is still
   * `expectedRefreshTokenHash`. Returns false when another request rotated first, or the row is
   * gone. This is what makes concurrent refreshes with one token safe.
   *
   * With `onlyIf`, the swap also requires the row to be live at `liveAt` and its absolute cap to
   * be at `absoluteAtLeast` or later, under the stored ends and the current lifetimes alike
   * (RotationGuard): the refresh's first and only write on its hot path, with no read before it
   * (refresh-session.ts).
   */
  rotateRefreshToken(
    sessionHandle: string,
    expectedRefreshTokenHash: string,
    next: Pick<SessionRow, "refreshTokenHash" | "previousRefreshTokenHash" | "rotatedAt" | "expiresAt" | "lastActiveAt">,
    onlyIf?: RotationGuard,
  ): Promise<boolean>;
  /**
   * What a new access token for the session needs, in one read: its owner, the deployer's
   * payload and the built-in claims' facts. Null when the session does not exist.
   */
  getSessionForAccessToken(sessionHandle: string): Promise<AccessTokenSource | null>;
  /**
   * `rotateRefreshToken` with its guard, then `getSessionForAccessToken`: the refresh's hot path.
   * One statement where the database can return from an UPDATE what the claims need
   * (PostgreSQL, SQLite); two elsewhere. Null when the swap matched nothing, or the session was
   * gone before the read.
   */
  rotateAndReadForAccessToken(
    sessionHandle: string,
    expectedRefreshTokenHash: string,
    next: Pick<SessionRow, "refreshTokenHash" | "previousRefreshTokenHash" | "rotatedAt" | "expiresAt" | "lastActiveAt">,
    onlyIf: RotationGuard,
  ): Promise<AccessTokenSource | null>;
  /**
   * Partial update of a live session; false when the session does not exist. Not the payload:
   * that is read, changed and written back, so it goes through replaceJwtPayload.
   *
   * With `liveAt`, only a session live then (`expiresAt` and `absoluteExpiresAt` both after it),
   * checked in the UPDATE's own WHERE: an expired row answers false, as an unknown one does.
   * (The stored ends only: the engine judged the row it read with the current lifetimes.)
   */
  updateSession(sessionHandle: string, patch: Partial<Pick<SessionRow, "sessionData" | "lastActiveAt">>, liveAt?: Date): Promise<boolean>;
  /**
   * Compare-and-swap of the deployer's payload: writes `jwtPayload` only if the row's
   * `payloadVersion` is still `expectedPayloadVersion`, and counts the version up. False when
   * another change landed since the read, or the session is gone (a re-read tells which).
   * With `liveAt`, as in updateSession: also false when the session is no longer live then.
   */
  replaceJwtPayload(sessionHandle: string, expectedPayloadVersion: number, jwtPayload: Record<string, unknown>, liveAt?: Date): Promise<boolean>;
  /** Revocation is deletion. Returns whether a row was deleted. */
  deleteSession(sessionHandle: string): Promise<boolean>;
  /**
   * Deletes these sessions, in a few statements whatever their number; returns the handles, none
   * of which is a session afterwards (those already gone included: recording their revocation
   * again is harmless).
   */
  deleteSessions(sessionHandles: string[]): Promise<string[]>;
  /** Deletes every session of the user; returns the deleted handles. */
  deleteSessionsForUser(userId: string): Promise<string[]>;
  /**
   * The sessions of the organization's members, in one read, with their payloads: those inside
   * it (payload `tId`) are revoked with it (organizations/organization-deletion.ts), or with a
   * member's removal (`onlyUserId`: that member's alone, none once they are no longer one;
   * organizations/member-removal.ts). Sessions have no tenant column, and a session's tenant is
   * always one its user was a member of when it entered.
   */
  listSessionsOfOrganizationMembers(
    organizationId: string,
    onlyUserId?: string,
  ): Promise<Pick<SessionRow, "sessionHandle" | "userId" | "jwtPayload">[]>;
  /**
   * Deletes every session whose `expiresAt` is at or before `before` (never after its absolute
   * cap: the engine caps the sliding expiry by it); returns how many. No revocation is recorded:
   * the caller passes a time by which no access token of such a session can still be valid.
   * By the stored expiry only, on its index: a session ended earlier by a shortened lifetime is
   * refused by every read meanwhile, and deleted by a refresh that meets it or at its stored end.
   */
  deleteSessionsExpiredBefore(before: Date): Promise<number>;
  /**
   * Handles of the user's sessions whose `expiresAt` is after `now` (the stored end: what a
   * revocation of all of them must take, those a shortened lifetime ended included).
   */
  listSessionHandlesForUser(userId: string, now: Date): Promise<string[]>;
  /** The user's sessions whose `expiresAt` is after `now`, oldest first (the engine judges them with the current lifetimes). */
  listSessionsForUser(userId: string, now: Date): Promise<SessionRow[]>;
}
