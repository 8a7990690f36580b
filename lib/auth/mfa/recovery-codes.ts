/**
 * Recovery codes: the way back in when the authenticator is lost. Shown once when made, stored as
 * their sha256 (each has 80 random bits, so a plain hash suffices: no offline search can reach
 * it), single use (the store's delete decides between concurrent uses). A used code completes the
 * `totp` factor in the session: it stands in for the authenticator it replaces.
 */
import { createHash, randomBytes } from "node:crypto";
import type { ClientInfo } from "../client-info";
import type { EngineContext } from "../context";
import { clientLimitKey } from "../limits/client-limits";
import { consumeRateLimit, resetRateLimit } from "../limits/rate-limit";
import { logAuthEvent } from "../log";
import type { IssuedTokens, VerifiedSession } from "../session/session";
import { completeFactorInSession } from "./complete-factor";
import { mayChangeFactors } from "./may-change-factors";
import { factorsSetUpFor } from "./mfa-claim";
import { sendSecurityNotice } from "../email/security-notice";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
/** Same buckets as TOTP codes: a recovery code is one more guess at the same door. */
const FAILURES_PER_USER = "totpFailuresPerUser";
const CHECKS_PER_CLIENT = "totpChecksPerClient";

/** A code like "k7mq-x3tb-9wfe-hn4p": 16 characters of a 31-letter alphabet (~79 bits). */
function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** Hyphens, spaces and case do not matter when typed. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[\s-]+/g, "");
  return createHash("sha256").update(normalised, "utf8").digest("hex");
}

export type CreateRecoveryCodesResult =
  | { status: "OK"; recoveryCodes: string[] }
  | { status: "MFA_REQUIRED" }
  | { status: "TOTP_NOT_SET_UP_ERROR" }
  /** The session ended before the set was written: nothing was written. */
  | { status: "UNKNOWN_SESSION_ERROR" };

/**
 * Makes a new set (the old one stops working) and returns it, the only time it is shown. Only
 * for a user with an authenticator: codes made without one (by a password alone, the owner's or
 * a thief's) would stand in for the authenticator the owner sets up later.
 *
 * The set is written only while the session is still live, in the write itself
 * (MfaStore.replaceRecoveryCodes with `whileSession`). A takeover of an unproven account
 * (users/unproven-account-takeover.ts) revokes the sessions, then removes the codes; a request
 * that passed its session check before that and writes after it must write nothing. Checking
 * after the write and undoing it was not enough: the write replaces every code of the user, so a
 * late write from the registrant's ended session deleted the set the owner had made meanwhile,
 * and the undo then left the owner with none while the owner's screen showed a set.
 *
 * No second look after the write is needed: the store orders the write against the session's
 * revocation (the row is locked, or writers take turns), so a set written is one the session
 * wrote while live, before the revocation; the takeover's removal of every code comes after its
 * revocations and takes that set too.
 */
export async function createRecoveryCodes(ctx: EngineContext, session: VerifiedSession): Promise<CreateRecoveryCodesResult> {
  if (!(await mayChangeFactors(ctx, session, "setup"))) return { status: "MFA_REQUIRED" };
  if ((await factorsSetUpFor(ctx, session.userId)).length === 0) return { status: "TOTP_NOT_SET_UP_ERROR" };
  const recoveryCodes = Array.from({ length: ctx.config.mfa.recoveryCodeCount }, newRecoveryCode);
  const now = ctx.now();
  const whileSession = { sessionHandle: session.sessionHandle, liveAt: now, lifetimes: ctx.config.session };
  if (!(await ctx.stores.mfa.replaceRecoveryCodes(session.userId, recoveryCodes.map(hashRecoveryCode), now, whileSession))) {
    logAuthEvent(ctx, "mfa.totp_setup_refused", { userId: session.userId, method: "recovery-code", reason: "SESSION_ENDED" }, "warn");
    return { status: "UNKNOWN_SESSION_ERROR" };
  }
  logAuthEvent(ctx, "mfa.factor_added", { userId: session.userId, method: "recovery-code", count: recoveryCodes.length });
  // A new way past the authenticator, replacing the owner's set: the owner hears of it (ASVS 6.3.7).
  await noticeRecoveryCodes(ctx, session.userId);
  return { status: "OK", recoveryCodes };
}

export type RedeemRecoveryCodeResult =
  | { status: "OK"; tokens: IssuedTokens; remaining: number }
  | { status: "INVALID_RECOVERY_CODE_ERROR"; currentNumberOfFailedAttempts: number; maxNumberOfFailedAttempts: number }
  | { status: "LIMIT_REACHED_ERROR"; retryAfterMs: number }
  | { status: "UNKNOWN_SESSION_ERROR" };

export async function redeemRecoveryCode(
  ctx: EngineContext,
  session: VerifiedSession,
  input: { recoveryCode: string },
  client?: ClientInfo,
): Promise<RedeemRecoveryCodeResult> {
  const { failuresPerUser, checksPerClient } = ctx.config.mfa.totp;
  const clientKey = clientLimitKey(client);
  if (ctx.config.rateLimits.enabled && clientKey) {
    const byClient = await consumeRateLimit(ctx, CHECKS_PER_CLIENT, checksPerClient, clientKey);
    if (!byClient.ok) return { status: "LIMIT_REACHED_ERROR", retryAfterMs: byClient.retryAfterSeconds * 1000 };
  }
  const byUser = await consumeRateLimit(ctx, FAILURES_PER_USER, failuresPerUser, session.userId);
  if (!byUser.ok) return { status: "LIMIT_REACHED_ERROR", retryAfterMs: byUser.retryAfterSeconds * 1000 };
  if (!(await ctx.stores.mfa.consumeRecoveryCode(session.userId, hashRecoveryCode(input.recoveryCode)))) {
    logAuthEvent(
      ctx,
      "mfa.factor_failed",
      { userId: session.userId, method: "recovery-code", reason: "INVALID", count: byUser.consumedPoints },
      "warn",
    );
    return {
      status: "INVALID_RECOVERY_CODE_ERROR",
      currentNumberOfFailedAttempts: byUser.consumedPoints,
      maxNumberOfFailedAttempts: failuresPerUser.points,
    };
  }
  await resetRateLimit(ctx, FAILURES_PER_USER, failuresPerUser, session.userId);
  logAuthEvent(ctx, "mfa.factor_used", { userId: session.userId, sessionHandle: session.sessionHandle, method: "recovery-code" });
  const completed = await completeFactorInSession(ctx, session, "totp");
  if (completed.status !== "OK") return completed;
  return { status: "OK", tokens: completed.tokens, remaining: await ctx.stores.mfa.countRecoveryCodes(session.userId) };
}

/** The RECOVERY_CODES_CREATED notice, sent after the answer; a failed lookup sends none rather than fail the request that made the codes. */
async function noticeRecoveryCodes(ctx: EngineContext, userId: string): Promise<void> {
  const user = await ctx.stores.users.getUserById(userId).catch(() => null);
  sendSecurityNotice(ctx, { userId, to: user?.email ?? null, event: "RECOVERY_CODES_CREATED" });
}
