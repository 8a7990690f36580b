import type { EngineContext } from "../context";
import { isGatehouseError } from "../errors";
import { logAuthEvent } from "../log";
import type { SessionClaimFacts, SessionRow } from "../ports";
import { endSessionOutsideTenant, tenantStandingOf } from "../organizations/tenant-session";
import { sessionHandleNamedBy } from "./access-token";
import { isValidAntiCsrfToken } from "./anti-csrf";
import { deriveChildRefreshToken, hashRefreshToken, parseRefreshToken } from "./refresh-token";
import { expiresAtSeconds, issueAccessToken, type IssuedTokens } from "./session";
import { effectiveAbsoluteExpiry, effectiveExpiry, isSessionLive } from "./session-liveness";

export type RefreshSessionResult =
  { status: "OK"; tokens: IssuedTokens } | { status: "UNAUTHORISED" } | { status: "TOKEN_THEFT_DETECTED"; sessionHandle: string; userId: string };

/**
 * Rotates the refresh token and mints a new access token.
 *
 * Theft detection (OAuth 2.0 Security BCP, refresh-token rotation): a token that was already
 * rotated out means two parties hold the session's tokens, so the whole session is revoked and
 * every later use of any of its tokens fails. The one exception is the immediate parent inside
 * the grace window: tabs refreshing at once, or a retry after a lost response. It gets the same
 * child again (the child is derived from the parent), and nothing rotates.
 */
export async function refreshSession(
  ctx: EngineContext,
  input: {
    refreshToken: string | null | undefined;
    antiCsrfToken?: string | null;
    /**
     * Whether the refresh token came in a cookie. One sent in a header (a mobile or header-mode
     * client) is nothing another site can make a browser send, so VIA_TOKEN asks it for no
     * anti-CSRF token, as every other endpoint's check (lib/http/csrf.ts). @default true
     */
    fromCookie?: boolean;
    /**
     * The access token that came beside a refresh cookie, or null when none did; left out, the
     * refresh is not paired. The HTTP layer pairs a refresh cookie with a `__Host-` access
     * cookie: the refresh cookie cannot carry `__Host-` (its Path is its endpoint), so a sibling
     * sub-domain can plant one on the parent domain, and a signed-out browser would refresh
     * into the planter's session (login CSRF). The planter cannot set the `__Host-` cookie,
     * which lives as long as the refresh cookie, so the owner's browser always sends both.
     */
    pairedAccessToken?: string | null;
  },
): Promise<RefreshSessionResult> {
  if (!input.refreshToken) return { status: "UNAUTHORISED" };
  const parsed = parseRefreshToken(ctx.keys, input.refreshToken);
  if (!parsed) return { status: "UNAUTHORISED" };
  const { sessionHandle } = parsed;
  if (input.pairedAccessToken !== undefined && sessionHandleNamedBy(input.pairedAccessToken ?? "") !== sessionHandle) {
    logAuthEvent(ctx, "session.refresh_unpaired", { sessionHandle }, "warn");
    return { status: "UNAUTHORISED" };
  }
  const askAntiCsrf = ctx.config.session.antiCsrf === "VIA_TOKEN" && input.fromCookie !== false;
  if (askAntiCsrf && !isValidAntiCsrfToken(ctx.keys.antiCsrf, sessionHandle, input.antiCsrfToken ?? null)) {
    return { status: "UNAUTHORISED" };
  }
  const presentedHash = hashRefreshToken(input.refreshToken);
  const child = deriveChildRefreshToken(ctx.keys, sessionHandle, input.refreshToken);

  const rotated = await rotateLiveSession(ctx, sessionHandle, presentedHash, child);
  if (rotated) return rotated;

  // Two passes at most: the second runs only when a concurrent refresh won the compare-and-swap.
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = await ctx.stores.sessions.getSession(sessionHandle);
    if (!row) return { status: "UNAUTHORISED" };
    const now = ctx.now();
    // Before any theft check: a session over its lifetime (stored, or as configured now) is over,
    // whichever of its tokens comes, and answered as one that does not exist.
    if (!isSessionLive(row, now, ctx.config.session)) {
      await ctx.stores.sessions.deleteSession(sessionHandle);
      return { status: "UNAUTHORISED" };
    }
    if (presentedHash === row.refreshTokenHash) {
      const expiresAt = slidingExpiry(ctx, row, now);
      const rotated = await ctx.stores.sessions.rotateRefreshToken(sessionHandle, presentedHash, {
        refreshTokenHash: hashRefreshToken(child),
        previousRefreshTokenHash: presentedHash,
        rotatedAt: now,
        expiresAt,
        lastActiveAt: now,
      });
      if (rotated) return issueOrUndo(ctx, sessionHandle, presentedHash, child, row, () => issueFor(ctx, row, child, expiresAt));
      continue;
    }
    if (isWithinGrace(ctx, row, presentedHash, now) && hashRefreshToken(child) === row.refreshTokenHash) {
      // The row as the rotation that won left it: its sliding expiry, within the absolute cap.
      return issueFor(ctx, row, child, effectiveExpiry(row, ctx.config.session));
    }
    await ctx.stores.sessions.deleteSession(sessionHandle);
    logAuthEvent(ctx, "session.theft_detected", { userId: row.userId, sessionHandle }, "warn");
    return { status: "TOKEN_THEFT_DETECTED", sessionHandle, userId: row.userId };
  }
  return { status: "UNAUTHORISED" };
}

/**
 * The hot path, in one statement on PostgreSQL and SQLite and two on MariaDB: the
 * compare-and-swap itself, guarded so that it matches only the live token of a session that is
 * neither expired nor within one refresh lifetime of its absolute cap, both under its stored ends
 * and the lifetimes configured now (the new sliding expiry is then exactly now + TTL, as
 * `slidingExpiry` would compute), then one read of what the new token needs. Anything else — an
 * older token, a rotation lost to a concurrent refresh, a session near its cap or gone — matches
 * nothing and takes the read-first path below, whose rules are unchanged.
 */
async function rotateLiveSession(
  ctx: EngineContext,
  sessionHandle: string,
  presentedHash: string,
  child: string,
): Promise<RefreshSessionResult | null> {
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.session.refreshTokenTtlSeconds * 1000);
  const source = await ctx.stores.sessions.rotateAndReadForAccessToken(
    sessionHandle,
    presentedHash,
    { refreshTokenHash: hashRefreshToken(child), previousRefreshTokenHash: presentedHash, rotatedAt: now, expiresAt, lastActiveAt: now },
    { liveAt: now, absoluteAtLeast: expiresAt, lifetimes: ctx.config.session },
  );
  // Nothing matched (or, where the swap and the read are two statements, the session was revoked
  // between them): the read-first path below decides, as for any token that is not the live one.
  if (!source) return null;
  // The guard kept the absolute cap at or after the new sliding expiry: that is the session's end.
  // What the swap replaced was not read: undone, the presented token is live with no parent, and
  // its sliding expiry counts from this rotation's time, as the expiry it keeps was computed.
  const before = { previousRefreshTokenHash: null, rotatedAt: now, expiresAt };
  return issueOrUndo(ctx, sessionHandle, presentedHash, child, before, () =>
    issueFor(ctx, { ...source, sessionHandle }, child, expiresAt, source.facts),
  );
}

/**
 * The access token of a rotation that has landed, or, when none can be issued for a reason every
 * retry would meet again (CONFIG_INVALID: the roles and permissions make it longer than
 * `session.maxAccessTokenBytes`), the rotation undone before the error goes on. The client never
 * got the child, so it keeps presenting the token it holds; left rotated out, that token would be
 * taken for a stolen one once the grace window had passed, and the session revoked with a theft
 * alarm, where the docs promise a 500 that ends once the limit or the roles are put right. Other
 * errors (a store outage) leave the rotation as it is: a concurrent refresh may have been handed
 * the same child within the grace window, and undoing would strand it.
 */
async function issueOrUndo(
  ctx: EngineContext,
  sessionHandle: string,
  presentedHash: string,
  child: string,
  before: Pick<SessionRow, "previousRefreshTokenHash" | "rotatedAt" | "expiresAt">,
  issue: () => Promise<RefreshSessionResult>,
): Promise<RefreshSessionResult> {
  try {
    return await issue();
  } catch (error) {
    if (isGatehouseError(error) && error.code === "CONFIG_INVALID") {
      await ctx.stores.sessions.rotateRefreshToken(sessionHandle, hashRefreshToken(child), {
        refreshTokenHash: presentedHash,
        previousRefreshTokenHash: before.previousRefreshTokenHash,
        rotatedAt: before.rotatedAt,
        expiresAt: before.expiresAt,
        lastActiveAt: ctx.now(),
      });
    }
    throw error;
  }
}

function isWithinGrace(ctx: EngineContext, row: SessionRow, presentedHash: string, now: Date): boolean {
  if (presentedHash !== row.previousRefreshTokenHash || !row.rotatedAt) return false;
  return now.getTime() - row.rotatedAt.getTime() <= ctx.config.session.refreshGraceSeconds * 1000;
}

/** The new sliding expiry: now + the refresh lifetime, within the absolute cap as configured now. */
function slidingExpiry(ctx: EngineContext, row: SessionRow, now: Date): Date {
  const sliding = now.getTime() + ctx.config.session.refreshTokenTtlSeconds * 1000;
  return new Date(Math.min(sliding, effectiveAbsoluteExpiry(row, ctx.config.session).getTime()));
}

/**
 * The refreshed session's new access token, unless the organization it is inside no longer lets
 * it in (organizations/tenant-session.ts): deleted, created again under its slug, the user no
 * longer a member or their email of no allowed domain, or no longer taking the way it was signed
 * in. Then the session is revoked (through the store, so every
 * instance learns it) and the client is told UNAUTHORISED, as for any revoked session: the user
 * signs in again, by a method the tenant allows. A public session reads nothing here.
 */
async function issueFor(
  ctx: EngineContext,
  row: Pick<SessionRow, "sessionHandle" | "userId" | "jwtPayload" | "createdAt">,
  refreshToken: string,
  /** The session's end after this refresh: the new token's `exp` is at most it. */
  sessionExpiresAt: Date,
  facts?: SessionClaimFacts,
): Promise<RefreshSessionResult> {
  const standing = await tenantStandingOf(ctx, row);
  if (standing.status !== "OK") {
    await endSessionOutsideTenant(ctx, row, standing.status);
    return { status: "UNAUTHORISED" };
  }
  logAuthEvent(ctx, "session.refresh", { userId: row.userId, sessionHandle: row.sessionHandle });
  const tokens = await issueAccessToken(ctx, {
    userId: row.userId,
    sessionHandle: row.sessionHandle,
    jwtPayload: row.jwtPayload,
    refreshToken,
    facts,
    tenant: standing.read,
    notAfter: expiresAtSeconds(sessionExpiresAt),
  });
  return { status: "OK", tokens };
}
