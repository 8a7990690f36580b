/**
 * The cap on a user's passkeys (`webauthn.maxPasskeys`). Each passkey added is a row, and the
 * FDI adds them from a session (the account page) or from a recovery link: without a cap, a
 * stolen session past its step-up could add them without end. A recovery link is not capped: it
 * is the way back in for a user who has lost their passkeys (a cap would lock out a user who had
 * lost every one), and `recoverLimitPerEmail` already bounds how many it adds.
 *
 * Asked where the user would otherwise make a passkey in vain (the register options for their
 * own account) and, as the guard, where one is written from a session (addVerifiedCredential):
 * counted before the write and again after it.
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import { CODE, MESSAGE } from "../wire-codes";

/** The FDI's GENERAL_ERROR (its message shown by clients): the user holds `webauthn.maxPasskeys` passkeys already. */
export type TooManyPasskeys = { status: "GENERAL_ERROR"; message: string; code: typeof CODE.TOO_MANY_PASSKEYS };

export function tooManyPasskeys(ctx: EngineContext, userId: string): TooManyPasskeys {
  logAuthEvent(ctx, "webauthn.rejected", { userId, reason: CODE.TOO_MANY_PASSKEYS }, "warn");
  return { status: "GENERAL_ERROR", message: MESSAGE.TOO_MANY_PASSKEYS, code: CODE.TOO_MANY_PASSKEYS };
}

/**
 * Refuses one more passkey for a user who holds the most already; null while there is room.
 * `count`: the user's passkeys, where the caller has just read them (else they are read here).
 */
export async function passkeyCapRefusal(ctx: EngineContext, userId: string, count?: number): Promise<TooManyPasskeys | null> {
  const held = count ?? (await ctx.stores.webauthn.listCredentials(userId)).length;
  return held >= ctx.config.webauthn.maxPasskeys ? tooManyPasskeys(ctx, userId) : null;
}

/**
 * After a passkey was written: whether the user now holds more than the cap. Concurrent
 * additions all passed the count before any was written; each counts again once its own is, and
 * one that finds the cap passed undoes its own. The last written sees every other, so the cap
 * holds; in a close race more than the surplus may be undone, and those users add theirs again.
 * An undo never leaves an account that passkeys alone open with none (credentials.ts).
 */
export async function passkeyCapPassed(ctx: EngineContext, userId: string): Promise<boolean> {
  return (await ctx.stores.webauthn.listCredentials(userId)).length > ctx.config.webauthn.maxPasskeys;
}
