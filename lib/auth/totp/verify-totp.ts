/**
 * Checking a TOTP code: for a new device (POST /totp/device/verify) or as the session's second
 * factor (POST /totp/verify).
 *
 * Guessing. A 6-digit code with a skew of 1 matches 3 values in a million, so wrong codes are
 * counted per user (`mfa.totp.failuresPerUser`, every device and client together, counted before
 * the check so concurrent guesses each count) and checks per client address; past either the
 * answer is LIMIT_REACHED_ERROR with the wait. A right code clears the user's count.
 *
 * Replay. A code is accepted only for a time step later than the last one accepted on its device,
 * written by compare-and-swap (MfaStore.recordTotpStep): a code seen over a shoulder, or sent
 * twice at once, works once.
 *
 * A new device's first code makes it a factor only if the session verifying it still exists once
 * the code is recorded: a session revoked meanwhile (by its owner, or by a takeover of the
 * account, users/unproven-account-takeover.ts) must not leave an authenticator whose secret it
 * holds. The device is removed instead.
 */
import type { ClientInfo } from "../client-info";
import type { EngineContext } from "../context";
import { clientLimitKey } from "../limits/client-limits";
import { consumeRateLimit, resetRateLimit } from "../limits/rate-limit";
import { logAuthEvent } from "../log";
import { completeFactorInSession } from "../mfa/complete-factor";
import { mayChangeFactors } from "../mfa/may-change-factors";
import { stepUpErrors } from "../mfa/step-up";
import { noticeFactorChange } from "../mfa/factor-notice";
import type { TotpDeviceRow } from "../ports/mfa-store";
import type { ClaimValidationError } from "../session/claim-validator";
import type { IssuedTokens, VerifiedSession } from "../session/session";
import { isLiveSession } from "../session/session-liveness";
import { lastWayInRefusal, type ClosesLastWayIn, type MfaRequired } from "./totp-devices";
import { matchingTotpStep } from "./totp-code";
import { unsealTotpSecret } from "./totp-secret";

const FAILURES_PER_USER = "totpFailuresPerUser";
const CHECKS_PER_CLIENT = "totpChecksPerClient";

export type InvalidTotp = { status: "INVALID_TOTP_ERROR"; currentNumberOfFailedAttempts: number; maxNumberOfFailedAttempts: number };
export type LimitReached = { status: "LIMIT_REACHED_ERROR"; retryAfterMs: number };
type Verified = { status: "OK"; tokens: IssuedTokens };

export type VerifyTotpResult = Verified | InvalidTotp | LimitReached | { status: "UNKNOWN_SESSION_ERROR" };
export type VerifyTotpDeviceResult =
  | (Verified & { wasAlreadyVerified: boolean })
  | InvalidTotp
  | LimitReached
  | { status: "UNKNOWN_DEVICE_ERROR" }
  | { status: "UNKNOWN_SESSION_ERROR" }
  | MfaRequired
  | ClosesLastWayIn
  | { status: "STEP_UP_REQUIRED"; errors: ClaimValidationError[] };

type Attempt = { status: "COUNTED"; failures: number } | LimitReached;

/** Counts the attempt against the client and the user before anything is checked. */
async function countAttempt(ctx: EngineContext, userId: string, client: ClientInfo | undefined): Promise<Attempt> {
  const { failuresPerUser, checksPerClient } = ctx.config.mfa.totp;
  const clientKey = clientLimitKey(client);
  if (ctx.config.rateLimits.enabled && clientKey) {
    const byClient = await consumeRateLimit(ctx, CHECKS_PER_CLIENT, checksPerClient, clientKey);
    if (!byClient.ok) return { status: "LIMIT_REACHED_ERROR", retryAfterMs: byClient.retryAfterSeconds * 1000 };
  }
  // Always on, whatever `rateLimits.enabled`: without it a code falls to a few hundred thousand tries.
  const byUser = await consumeRateLimit(ctx, FAILURES_PER_USER, failuresPerUser, userId);
  if (!byUser.ok) return { status: "LIMIT_REACHED_ERROR", retryAfterMs: byUser.retryAfterSeconds * 1000 };
  return { status: "COUNTED", failures: byUser.consumedPoints };
}

/**
 * Whether `code` is a fresh code of `device`; records its step when it is. `beforeRecord` runs
 * once the code is found right, before the step is written (which also makes a new device verified).
 */
async function acceptCode(
  ctx: EngineContext,
  device: TotpDeviceRow,
  code: string,
  beforeRecord?: () => Promise<void>,
): Promise<"OK" | "INVALID" | "REPLAYED"> {
  const secret = await unsealTotpSecret(ctx.keys, device.sealedSecret, device.userId);
  if (!secret) return "INVALID";
  const step = matchingTotpStep({ secret, code, period: device.period, skew: device.skew, now: ctx.now() });
  if (step === null) return "INVALID";
  await beforeRecord?.();
  return (await ctx.stores.mfa.recordTotpStep(device.id, step)) ? "OK" : "REPLAYED";
}

/**
 * What a user's first authenticator ends. Done before the code's write makes the device verified,
 * not after: that write and these are separate, and a failure between them (503) left a verified
 * device whose retry, finding it verified, never came here again.
 */
async function endWhatFirstDeviceReplaces(ctx: EngineContext, session: VerifiedSession): Promise<void> {
  const { userId } = session;
  // Only for a session still live: one revoked meanwhile (a thief's, signed out by the owner)
  // makes no factor (its device goes below), so it must not end the owner's codes and link either.
  if (!(await isLiveSession(ctx, session.sessionHandle, userId))) return;
  // Recovery codes stand in for an authenticator: any left from before this first one (a
  // removed device's) must not pass it. The owner makes a new set now (the built-in pages do).
  await ctx.stores.mfa.deleteRecoveryCodesForUser(userId);
  // A passkey recovery link sent before is refused while an authenticator exists; ended here,
  // it cannot come back to life should this one be removed within its lifetime.
  await ctx.stores.webauthnRecoverTokens.deleteTokensForUser(userId);
}

function refused(ctx: EngineContext, userId: string, attempt: { failures: number }, reason: string): InvalidTotp {
  logAuthEvent(ctx, "mfa.factor_failed", { userId, method: "totp", reason, count: attempt.failures }, "warn");
  return {
    status: "INVALID_TOTP_ERROR",
    currentNumberOfFailedAttempts: attempt.failures,
    maxNumberOfFailedAttempts: ctx.config.mfa.totp.failuresPerUser.points,
  };
}

async function succeeded(ctx: EngineContext, session: VerifiedSession): Promise<Verified | { status: "UNKNOWN_SESSION_ERROR" }> {
  await resetRateLimit(ctx, FAILURES_PER_USER, ctx.config.mfa.totp.failuresPerUser, session.userId);
  return completeFactorInSession(ctx, session, "totp");
}

/** POST /totp/verify: a code from any of the user's verified devices completes the factor. */
export async function verifyTotp(
  ctx: EngineContext,
  session: VerifiedSession,
  input: { totp: string },
  client?: ClientInfo,
): Promise<VerifyTotpResult> {
  const attempt = await countAttempt(ctx, session.userId, client);
  if (attempt.status !== "COUNTED") return limited(ctx, session.userId, attempt);
  const devices = (await ctx.stores.mfa.listTotpDevices(session.userId)).filter((d) => d.verified);
  let outcome: "OK" | "INVALID" | "REPLAYED" = "INVALID";
  for (const device of devices) {
    outcome = await acceptCode(ctx, device, input.totp);
    if (outcome !== "INVALID") break;
  }
  if (outcome !== "OK") return refused(ctx, session.userId, attempt, outcome);
  logAuthEvent(ctx, "mfa.factor_used", { userId: session.userId, sessionHandle: session.sessionHandle, method: "totp" });
  return succeeded(ctx, session);
}

/** POST /totp/device/verify: the first right code makes a new device a factor (and completes it). */
export async function verifyTotpDevice(
  ctx: EngineContext,
  session: VerifiedSession,
  input: { deviceName: string; totp: string },
  client?: ClientInfo,
): Promise<VerifyTotpDeviceResult> {
  const devices = await ctx.stores.mfa.listTotpDevices(session.userId);
  const device = devices.find((d) => d.name === input.deviceName);
  if (!device) return { status: "UNKNOWN_DEVICE_ERROR" };
  if (!device.verified && !(await mayChangeFactors(ctx, session, "setup"))) return { status: "MFA_REQUIRED" };
  // A new authenticator needs a recent code of the ones set up, as when it was made (POST /totp/device).
  const stepUp = device.verified ? null : await stepUpErrors(ctx, session);
  if (stepUp) return { status: "STEP_UP_REQUIRED", errors: stepUp };
  // Made while the account had a passkey, which may be gone now (totp-devices.ts, lastWayInRefusal).
  const closes = device.verified ? null : await lastWayInRefusal(ctx, session.userId, devices);
  if (closes) return closes;
  const attempt = await countAttempt(ctx, session.userId, client);
  if (attempt.status !== "COUNTED") return limited(ctx, session.userId, attempt);
  const first = !device.verified && !devices.some((d) => d.verified);
  const outcome = await acceptCode(ctx, device, input.totp, first ? () => endWhatFirstDeviceReplaces(ctx, session) : undefined);
  if (outcome !== "OK") return refused(ctx, session.userId, attempt, outcome);
  if (!device.verified && !(await isLiveSession(ctx, session.sessionHandle, session.userId))) {
    await ctx.stores.mfa.deleteTotpDeviceById(session.userId, device.id);
    logAuthEvent(ctx, "mfa.totp_setup_refused", { userId: session.userId, reason: "SESSION_ENDED" }, "warn");
    return { status: "UNKNOWN_SESSION_ERROR" };
  }
  // Looked at again once it is a factor: the last passkey removed meanwhile saw no authenticator
  // (webauthn/credentials.ts looks again after its delete too, so of the two at least one sees the other).
  const closedNow = device.verified ? null : await lastWayInRefusal(ctx, session.userId, devices);
  if (closedNow) {
    await ctx.stores.mfa.deleteTotpDeviceById(session.userId, device.id);
    return closedNow;
  }
  if (!device.verified) {
    // Again now that the device is verified: a link asked for between the clean-up and the write
    // was sent while the account had no authenticator, and would be back once this one is removed.
    if (first) await ctx.stores.webauthnRecoverTokens.deleteTokensForUser(session.userId);
    logAuthEvent(ctx, "mfa.factor_added", { userId: session.userId, method: "totp" });
    await noticeFactorChange(ctx, session.userId, "added");
  } else logAuthEvent(ctx, "mfa.factor_used", { userId: session.userId, sessionHandle: session.sessionHandle, method: "totp" });
  const result = await succeeded(ctx, session);
  return result.status === "OK" ? { ...result, wasAlreadyVerified: device.verified } : result;
}

function limited(ctx: EngineContext, userId: string, attempt: LimitReached): LimitReached {
  logAuthEvent(ctx, "mfa.factor_failed", { userId, method: "totp", reason: "LIMIT_REACHED" }, "warn");
  return attempt;
}
