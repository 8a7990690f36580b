import type { EngineContext } from "../context";
import { assertIdArgument } from "../id-argument";
import type { SessionRow } from "../ports";
import { logAuthEvent } from "../log";
import { mergePayload } from "./deployer-payload";
import { assertNoProtectedClaims, issueAccessToken, type IssuedTokens, type VerifiedSession } from "./session";
import { updateJwtPayload } from "./update-jwt-payload";
import { withoutEngineRecords } from "../organizations/tenant-entry";
import { effectiveAbsoluteExpiry, effectiveExpiry, isSessionLive } from "./session-liveness";
import { assertSessionDataFits } from "./session-value-size";
import { assertJsonObject } from "./json-value";

/** What getSessionInformation returns: the server's view of one live session. */
export interface SessionInformation {
  sessionHandle: string;
  userId: string;
  /** The deployer's payload (without the engine's own claims). */
  accessTokenPayload: Record<string, unknown>;
  sessionData: Record<string, unknown>;
  timeCreated: Date;
  lastActiveAt: Date;
  /**
   * When the refresh token expires unless used (sliding): the stored expiry, or earlier when the
   * refresh lifetime configured now ends it sooner (counted from the last refresh).
   */
  expiry: Date;
  /** When the session ends however active it is: the stored cap, or creation + the absolute lifetime configured now if earlier. */
  absoluteExpiry: Date;
  userAgent: string | null;
  ip: string | null;
}

/**
 * One session as the admin API and the CLI print it: no payload or session data (they may hold
 * the deployer's secrets), times in epoch milliseconds.
 */
export function sessionSummaryJson(s: SessionInformation) {
  return {
    sessionHandle: s.sessionHandle,
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: s.timeCreated.getTime(),
    lastActiveAt: s.lastActiveAt.getTime(),
    expiresAt: s.expiry.getTime(),
  };
}

/** The handles of the user's live sessions, oldest first: the sessions listSessionsForUser lists. */
export async function getAllSessionHandlesForUser(ctx: EngineContext, userId: string): Promise<string[]> {
  assertIdArgument(userId, "getAllSessionHandlesForUser: userId");
  return (await listLiveSessionRows(ctx, userId)).map((row) => row.sessionHandle);
}

export async function getSessionInformation(ctx: EngineContext, sessionHandle: string): Promise<SessionInformation | null> {
  assertIdArgument(sessionHandle, "getSessionInformation: sessionHandle");
  const row = await ctx.stores.sessions.getSession(sessionHandle);
  if (!row || !isSessionLive(row, ctx.now(), ctx.config.session)) return null;
  return toSessionInformation(ctx, row);
}

/** The ends as the session has them now: the stored ones, or earlier under a shortened lifetime (session-liveness.ts). */
function toSessionInformation(ctx: EngineContext, row: SessionRow): SessionInformation {
  return {
    sessionHandle: row.sessionHandle,
    userId: row.userId,
    accessTokenPayload: withoutEngineRecords(row.jwtPayload),
    sessionData: row.sessionData,
    timeCreated: row.createdAt,
    lastActiveAt: row.lastActiveAt,
    expiry: effectiveExpiry(row, ctx.config.session),
    absoluteExpiry: effectiveAbsoluteExpiry(row, ctx.config.session),
    userAgent: row.userAgent,
    ip: row.ip,
  };
}

/** Every live session of a user, oldest first (for "my sessions" and the admin API). */
export async function listSessionsForUser(ctx: EngineContext, userId: string): Promise<SessionInformation[]> {
  assertIdArgument(userId, "listSessionsForUser: userId");
  return (await listLiveSessionRows(ctx, userId)).map((row) => toSessionInformation(ctx, row));
}

/**
 * The store lists by the stored expiry, on the user's index; the lifetimes configured now are
 * applied here, so the lists agree with getSessionInformation and the refresh about each session.
 */
async function listLiveSessionRows(ctx: EngineContext, userId: string): Promise<SessionRow[]> {
  const now = ctx.now();
  const rows = await ctx.stores.sessions.listSessionsForUser(userId, now);
  return rows.filter((row) => isSessionLive(row, now, ctx.config.session));
}

/**
 * Replaces the session's server-side data. False when the session no longer exists or has expired
 * (nothing written). Throws SESSION_DATA_TOO_LARGE over 1 MiB of JSON (session-value-size.ts).
 */
export async function updateSessionData(ctx: EngineContext, sessionHandle: string, data: Record<string, unknown>): Promise<boolean> {
  assertIdArgument(sessionHandle, "updateSessionData: sessionHandle");
  assertSessionDataFits(data);
  // Read exactly first: the write's own WHERE took another spelling of the handle on MariaDB.
  const row = await ctx.stores.sessions.getSession(sessionHandle);
  if (!row || !isSessionLive(row, ctx.now(), ctx.config.session)) return false;
  return ctx.stores.sessions.updateSession(sessionHandle, { sessionData: data }, ctx.now());
}

export type MergeIntoAccessTokenPayloadResult =
  { status: "OK"; accessTokenPayload: Record<string, unknown>; tokens?: IssuedTokens } | { status: "UNKNOWN_SESSION_ERROR" };

/**
 * Merges `patch` into the session's payload (`null` deletes a key) and stores it, so every
 * later refresh carries it. Given the session of the current request, it also re-mints that
 * request's access token (returned as `tokens`, which the HTTP layer sends with its response),
 * so that device sees the change at once; other devices see it on their next refresh.
 */
export async function mergeIntoAccessTokenPayload(
  ctx: EngineContext,
  target: string | VerifiedSession,
  patch: Record<string, unknown>,
): Promise<MergeIntoAccessTokenPayloadResult> {
  // Before the merge, which would turn a `__proto__` key into the payload's prototype.
  assertJsonObject(patch, "the patch of mergeIntoAccessTokenPayload");
  assertNoProtectedClaims(patch, ctx);
  const sessionHandle = typeof target === "object" && target !== null ? target.sessionHandle : target;
  assertIdArgument(sessionHandle, "mergeIntoAccessTokenPayload: sessionHandle");
  const updated = await updateJwtPayload(ctx, sessionHandle, (row) => mergePayload(row.jwtPayload, patch));
  if (updated.status !== "OK") return updated;
  const { row, jwtPayload } = updated;
  const accessTokenPayload = withoutEngineRecords(jwtPayload);
  if (typeof target === "string") return { status: "OK", accessTokenPayload };
  const tokens = await issueAccessToken(ctx, { userId: row.userId, sessionHandle, jwtPayload, notAfter: target.accessTokenPayload.exp });
  return { status: "OK", accessTokenPayload, tokens };
}

/**
 * Rotates the signing keys now (incident response); see SigningKeyRing.rotate. With
 * `retireOldKeys`, tokens signed by the old keys get "try refresh token" and a refresh
 * replaces them: nobody is logged out.
 */
export async function rotateSigningKeys(ctx: EngineContext, options: { retireOldKeys?: boolean } = {}): Promise<{ kid: string; retired: string[] }> {
  const rotated = await ctx.keyRing.rotate(ctx.now(), options);
  logAuthEvent(ctx, "keys.rotated", { count: rotated.retired.length }, "warn");
  return rotated;
}

/**
 * After a deliberate change of GATEHOUSE_SECRET (docs/security.md, "Changing the app secret"):
 * every signing key goes, whatever secret sealed it, and a new one starts under the current
 * secret. Until then the old secret's keys stop signing and verifying everywhere (503), since a
 * key set that fails its MAC is refused rather than replaced. Every access token stops verifying.
 */
export async function resetSigningKeys(ctx: EngineContext): Promise<{ kid: string; removed: number }> {
  const reset = await ctx.keyRing.reset(ctx.now());
  // Its own event: unlike a rotation, a reset stops every access token verifying at once.
  logAuthEvent(ctx, "keys.reset", { count: reset.removed }, "warn");
  return reset;
}
