import { randomUUID } from "node:crypto";
import { assertIdArgument } from "../id-argument";
import type { EngineContext } from "../context";
import { GatehouseError } from "../errors";
import { logAuthEvent, logRecordedAuthEvent, type AuthEvent, type AuthEventFields } from "../log";
import { outlivesConfiguredLifetime } from "./access-token-lifetime";
import { mintAccessToken, verifyAccessTokenInMemory, verifyAccessTokenWithStoredKey, type AccessTokenClaims } from "./access-token";
import { antiCsrfTokenFor } from "./anti-csrf";
import { findProtectedClaims, withoutBuiltInClaims } from "./deployer-payload";
import { fetchClaims } from "./fetch-claims";
import { encodeFrontToken } from "./front-token";
import { createRefreshToken, hashRefreshToken } from "./refresh-token";
import { isSessionLive } from "./session-liveness";
import { assertNewSessionFits } from "./session-value-size";
import { accessTokenCap } from "./access-token-cap";
import type { SessionClaimFacts, UserRow } from "../ports";
import { writeSession } from "./write-session";
import { completedFactorsOf, MFA_CLAIM, mfaClaimFor, withCompletedFactors } from "../mfa/mfa-claim";
import { organizationClaim } from "../organizations/organization-claim";
import { tenantOfPayload } from "../organizations/tenants";
import { SIGN_IN_RECORD_KEY, type SignInRecord } from "../organizations/sign-in-record";
import { withoutEngineRecords } from "../organizations/tenant-entry";
import type { TenantRead } from "../organizations/tenant-session";

/**
 * A session's end as an access token's `exp` bound (issueAccessToken's `notAfter`): no token
 * outlives its session, so a database-free getSession refuses it once the session is over (at its
 * absolute cap, or its sliding expiry when that is the nearer), as checkDatabase does.
 */
export function expiresAtSeconds(sessionExpiresAt: Date): number {
  return Math.floor(sessionExpiresAt.getTime() / 1000);
}

/** What the transport layer sends to the client after a session is created or refreshed. */
export interface IssuedTokens {
  userId: string;
  sessionHandle: string;
  accessToken: string;
  accessTokenClaims: AccessTokenClaims;
  /** Absent when an access token alone was re-minted (payload update). */
  refreshToken?: string;
  /** Present in VIA_TOKEN anti-CSRF mode. */
  antiCsrfToken?: string;
  frontToken: string;
}

/** A verified session, as handed to route handlers and server components. */
export interface VerifiedSession {
  userId: string;
  sessionHandle: string;
  accessTokenPayload: AccessTokenClaims;
}

export type GetSessionResult = { status: "OK"; session: VerifiedSession } | { status: "TRY_REFRESH_TOKEN_ERROR" } | { status: "UNAUTHORISED" };

export async function issueAccessToken(
  ctx: EngineContext,
  input: {
    userId: string;
    sessionHandle: string;
    jwtPayload: Record<string, unknown>;
    refreshToken?: string;
    user?: UserRow;
    /** The claims' facts as the caller's own read returned them: no claim reads again. */
    facts?: SessionClaimFacts;
    /** Whether `user` has an address to verify, as the caller knows it (KnownUser.hasEmail). */
    hasEmail?: boolean;
    /** The session's organization and membership as the caller just read them (a refresh): no claim reads them again. */
    tenant?: TenantRead;
    /**
     * The latest `exp` (unix seconds) the new token may carry. A re-mint without a refresh (a
     * payload change, a claim brought up to date) passes the replaced token's own `exp`: only a
     * refresh, which spends the refresh token, renews access. Otherwise an access token alone
     * (leaked from a header-mode client, or a log) could be renewed every hour through such an
     * endpoint for as long as the session lives, out of sight of rotation and theft detection.
     */
    notAfter?: number;
  },
): Promise<IssuedTokens> {
  const { token, claims } = await mintAccessToken({
    keyRing: ctx.keyRing,
    now: ctx.now(),
    issuer: ctx.issuer,
    audience: ctx.config.session.accessTokenAudience,
    ttlSeconds: ctx.config.session.accessTokenTtlSeconds,
    userId: input.userId,
    sessionHandle: input.sessionHandle,
    notAfter: input.notAfter,
    cap: accessTokenCap(ctx),
    // Engine claims are read fresh at every issue (sign-in, refresh, payload update).
    payload: {
      // The engine's records (how it signed in, which organization it entered) stay in the session row: for no client.
      // Nor the built-in claims' keys a row from an older release may hold (withoutBuiltInClaims).
      ...withoutBuiltInClaims(withoutEngineRecords(input.jwtPayload)),
      ...(await fetchClaims(ctx, input.userId, { user: input.user, facts: input.facts, hasEmail: input.hasEmail })),
      ...(await mfaClaim(ctx, input)),
      ...(await organizationClaim(ctx, input.userId, input.jwtPayload, input.tenant)),
    },
  });
  return {
    userId: input.userId,
    sessionHandle: input.sessionHandle,
    accessToken: token,
    accessTokenClaims: claims,
    refreshToken: input.refreshToken,
    antiCsrfToken: ctx.config.session.antiCsrf === "VIA_TOKEN" ? antiCsrfTokenFor(ctx.keys.antiCsrf, input.sessionHandle) : undefined,
    frontToken: encodeFrontToken(input.userId, claims.exp, claims),
  };
}

/** The `st-mfa` claim of a token: the session's completed factors, and whether they meet its requirements now. */
async function mfaClaim(
  ctx: EngineContext,
  input: { userId: string; jwtPayload: Record<string, unknown>; tenant?: TenantRead },
): Promise<Record<string, unknown>> {
  if (!ctx.config.mfa.enabled) return {};
  const tenantId = tenantOfPayload(input.jwtPayload);
  return { [MFA_CLAIM]: await mfaClaimFor(ctx, input.userId, completedFactorsOf(input.jwtPayload), tenantId, input.tenant?.organization) };
}

export function assertNoProtectedClaims(payload: Record<string, unknown>, ctx?: EngineContext): void {
  const engineKeys = new Set(ctx?.claimSources.map((s) => s.key));
  const clashes = [...findProtectedClaims(payload), ...Object.keys(payload).filter((k) => engineKeys.has(k))];
  if (clashes.length > 0) {
    throw new GatehouseError(
      "PROTECTED_CLAIM_IN_PAYLOAD",
      `The access-token payload may not set the protected claim(s) ${clashes.join(", ")}; rename them in setJwtPayload.`,
    );
  }
}

/** What a new session starts from. */
export interface NewSessionInput {
  userId: string;
  jwtPayload?: Record<string, unknown>;
  /**
   * The tenant signed in to, kept as the `tId` claim (SuperTokens' name) in the session's
   * payload so that every refresh re-mints it. Absent or "public": no claim, as before tenants.
   */
  tenantId?: string;
  sessionData?: Record<string, unknown>;
  userAgent?: string | null;
  ip?: string | null;
  /** The user as the caller just read it (sign-in, sign-up): claims taken from it need no second read. */
  user?: UserRow;
  /** The claims' facts read with the account (sign-in): no claim reads again. */
  facts?: SessionClaimFacts;
  /** Whether `user` has an address to verify (its own, or a provider's unproven one), as the sign-in knows it. */
  hasEmail?: boolean;
  /** The factors the sign-in proved (factor id → unix seconds), kept for the `st-mfa` claim. */
  completedFactors?: Record<string, number>;
  /** How the session was signed in, kept in its row for a switch into an organization (organizations/sign-in-record.ts). */
  signIn?: SignInRecord;
  /**
   * The event this session starts with (a sign-in or sign-up), logged once the tokens are
   * issued; its audit row is written with the session row, in one transaction, and carries the
   * new session's handle.
   */
  event?: { name: AuthEvent; fields: AuthEventFields };
}

/**
 * Writes a new session and issues its tokens, for a user known to exist (a test, a tool); see
 * tryCreateNewSession. Throws INVALID_ARGUMENT if nothing was written: the user does not exist.
 */
export async function createNewSession(ctx: EngineContext, input: NewSessionInput): Promise<IssuedTokens> {
  const tokens = await tryCreateNewSession(ctx, input);
  if (!tokens)
    throw new GatehouseError("INVALID_ARGUMENT", `createNewSession: no session was written, user ${JSON.stringify(input.userId)} does not exist`);
  return tokens;
}

/**
 * Writes a new session and issues its tokens; null when nothing was written, and the token
 * signed meanwhile is dropped. That is when the user was deleted meanwhile (a sign-in racing an
 * operator's deletion: UserAdminStore.deleteUser), or, with `onlyWhilePasswordHash` (a password
 * sign-in: the hash it verified), when a password change or reset came first: the session is
 * written only while the account still holds that hash (SessionStore.createSession).
 */
export async function tryCreateNewSession(
  ctx: EngineContext,
  input: NewSessionInput & { onlyWhilePasswordHash?: string },
): Promise<IssuedTokens | null> {
  assertNoProtectedClaims(input.jwtPayload ?? {}, ctx);
  // Written by the engine after the check: `tId` is protected from the deployer's payload, not from the engine.
  const withTenant = input.tenantId && input.tenantId !== "public" ? { ...input.jwtPayload, tId: input.tenantId } : (input.jwtPayload ?? {});
  // The session's factors are stored beside the deployer's payload, under a key the deployer may not set.
  const withFactors = ctx.config.mfa.enabled ? withCompletedFactors(withTenant, input.completedFactors ?? {}) : withTenant;
  const jwtPayload = input.signIn ? { ...withFactors, [SIGN_IN_RECORD_KEY]: input.signIn } : withFactors;
  assertNewSessionFits(input.sessionData ?? {}, jwtPayload, accessTokenCap(ctx));
  const now = ctx.now();
  const { refreshTokenTtlSeconds, absoluteSessionTtlSeconds } = ctx.config.session;
  const sessionHandle = randomUUID();
  const refreshToken = createRefreshToken(ctx.keys, sessionHandle);
  const absoluteExpiresAt = new Date(now.getTime() + absoluteSessionTtlSeconds * 1000);
  const expiresAt = new Date(Math.min(now.getTime() + refreshTokenTtlSeconds * 1000, absoluteExpiresAt.getTime()));
  const event = input.event && { name: input.event.name, fields: { ...input.event.fields, sessionHandle } };
  const auditRow = event ? ctx.audit.prepare(event.name, event.fields) : null;
  // The access token is signed (on libuv's pool, for RS256) while the row is written; a failed
  // write rejects the whole, and the token, never sent, is dropped.
  const written = writeSession(
    ctx,
    {
      sessionHandle,
      userId: input.userId,
      sessionData: input.sessionData ?? {},
      jwtPayload,
      refreshTokenHash: hashRefreshToken(refreshToken),
      previousRefreshTokenHash: null,
      rotatedAt: null,
      createdAt: now,
      expiresAt,
      absoluteExpiresAt,
      lastActiveAt: now,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      ip: input.ip?.slice(0, 64) ?? null,
    },
    auditRow,
    input.onlyWhilePasswordHash,
  );
  const [wasWritten, tokens] = await Promise.all([
    written,
    issueAccessToken(ctx, {
      userId: input.userId,
      sessionHandle,
      jwtPayload,
      refreshToken,
      user: input.user,
      facts: input.facts,
      hasEmail: input.hasEmail,
      notAfter: expiresAtSeconds(expiresAt),
    }),
  ]);
  if (!wasWritten) return null;
  if (event) {
    if (auditRow) logRecordedAuthEvent(ctx, event.name, event.fields);
    else logAuthEvent(ctx, event.name, event.fields);
  }
  return tokens;
}

/**
 * Verifies an access token. Without `checkDatabase` it makes no database call per request: a
 * revoked session's token is refused once this instance's revocation set has synced (at most
 * `session.revocationSyncIntervalMs` later). With it, the session row must still exist — the
 * zero-delay blacklisting check.
 */
export async function getSession(
  ctx: EngineContext,
  input: { accessToken: string | null | undefined; checkDatabase?: boolean },
): Promise<GetSessionResult> {
  if (!input.accessToken) return { status: "UNAUTHORISED" };
  const now = ctx.now();
  const verifyInput = {
    keyRing: ctx.keyRing,
    now,
    issuer: ctx.issuer,
    audience: ctx.config.session.accessTokenAudience,
    maxBytes: ctx.config.session.maxAccessTokenBytes,
    token: input.accessToken,
  };
  // Without a promise in between when the ring knows the key: the usual case.
  const result = verifyAccessTokenInMemory(verifyInput) ?? (await verifyAccessTokenWithStoredKey(verifyInput));
  if (result.status === "EXPIRED" || result.status === "UNKNOWN_KEY" || result.status === "OTHER_AUDIENCE") {
    return { status: "TRY_REFRESH_TOKEN_ERROR" };
  }
  if (result.status === "INVALID") return { status: "UNAUTHORISED" };
  const { claims } = result;
  if (outlivesConfiguredLifetime(ctx, claims, now)) return { status: "TRY_REFRESH_TOKEN_ERROR" };
  if (input.checkDatabase) {
    const row = await ctx.stores.sessions.getSession(claims.sessionHandle);
    if (!row || row.userId !== claims.sub || !isSessionLive(row, ctx.now(), ctx.config.session)) {
      return { status: "UNAUTHORISED" };
    }
  } else {
    // Revoked on some instance within the last access-token lifetime: known here within
    // session.revocationSyncIntervalMs, without a database read per request. Usually a plain
    // boolean, awaited only when it is not (a sync overdue, an overflowed set).
    const revoked = ctx.revocations.isRevoked(claims.sessionHandle, now);
    if (revoked === true || (revoked !== false && (await revoked))) return { status: "UNAUTHORISED" };
  }
  return { status: "OK", session: { userId: claims.sub, sessionHandle: claims.sessionHandle, accessTokenPayload: claims } };
}

/** Server-only session data; null when the session no longer exists or has expired. */
export async function getSessionData(ctx: EngineContext, sessionHandle: string): Promise<Record<string, unknown> | null> {
  assertIdArgument(sessionHandle, "getSessionData: sessionHandle");
  const row = await ctx.stores.sessions.getSession(sessionHandle);
  return row && isSessionLive(row, ctx.now(), ctx.config.session) ? row.sessionData : null;
}
