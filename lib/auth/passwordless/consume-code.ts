/**
 * Finishing a passwordless sign-in with the typed code (and the device id only the starting
 * browser holds) or with the magic link's code.
 *
 * Guessing. A code has 10^6 values (by default), so each device allows `maxCodeAttempts` wrong
 * tries, counted atomically in the store, and the last one deletes the device
 * (RESTART_FLOW_ERROR): a guesser gets 5 in a million, then must have a new code sent to the
 * victim, which the per-contact send limit caps. Expired codes count as wrong tries too. A try
 * is counted before its code is compared, so guesses sent all at once get no more.
 *
 * Single use. Whatever proves the sign-in, the device is deleted before the session is made, and
 * of concurrent consumers only the one whose delete removed the row goes on (the store's
 * contract): ten parallel consumes of one code give one session. Should the sign-in then throw,
 * the device is written back (giveDeviceBack), so that the retry its 503 asks for finds the code.
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import type { ClientInfo } from "../client-info";
import { limitClientWith } from "../limits/client-limits";
import type { TooManyAttempts } from "../limits/rate-limit";
import { hashLinkCode, hashUserInputCode, MAX_SECRET_LENGTH, normaliseUserInputCode, sameHash } from "./codes";
import type { Contact } from "./contact";
import { deviceMatches } from "./create-code";
import type { PasswordlessCodeRow, PasswordlessDeviceRow } from "../ports/passwordless-store";
import { signInUpWithProvenContact, type PasswordlessSignInUpResult } from "./sign-in-up";
import { configuredFirstFactors, type Tenant } from "../organizations/tenants";
import { passwordlessFactorOf, type PasswordlessProof } from "../mfa/factor-ids";

export type ConsumeCodeInput = { preAuthSessionId: string; deviceId: string; userInputCode: string } | { preAuthSessionId: string; linkCode: string };

export type ConsumeCodeResult =
  | PasswordlessSignInUpResult
  | {
      status: "INCORRECT_USER_INPUT_CODE_ERROR" | "EXPIRED_USER_INPUT_CODE_ERROR";
      failedCodeInputAttemptCount: number;
      maximumCodeInputAttempts: number;
    }
  | { status: "RESTART_FLOW_ERROR" }
  /** The tenant does not take this proof (a code where it signs in by link only, or the reverse): answered as a method that is off. */
  | { status: "FACTOR_NOT_ALLOWED" }
  | TooManyAttempts;

const RESTART = { status: "RESTART_FLOW_ERROR" } as const;

/**
 * `tenant`: the tenant the request came under (absent: the public tenant). A device or link
 * started under another tenant is not found here (codes.ts), and answers RESTART_FLOW_ERROR
 * without counting as a wrong try.
 */
export async function consumeCode(ctx: EngineContext, input: ConsumeCodeInput, client: ClientInfo, tenant?: Tenant): Promise<ConsumeCodeResult> {
  const limited = await limitClientWith(ctx, "passwordless-consumeLimitPerClient", ctx.config.passwordless.consumeLimitPerClient, client);
  if (limited) return limited;
  return "linkCode" in input ? consumeLinkCode(ctx, input, client, tenant) : consumeUserInputCode(ctx, input, client, tenant);
}

async function consumeUserInputCode(
  ctx: EngineContext,
  input: { preAuthSessionId: string; deviceId: string; userInputCode: string },
  client: ClientInfo,
  tenant: Tenant | undefined,
): Promise<ConsumeCodeResult> {
  if (!deviceMatches(input.deviceId, input.preAuthSessionId, tenant?.id)) return RESTART;
  const store = ctx.stores.passwordless;
  const maximumCodeInputAttempts = ctx.config.passwordless.maxCodeAttempts;
  // Every try takes its place in the count before it is weighed: counted only once found wrong,
  // a burst of parallel guesses would all be weighed before the first of them was counted. A try
  // past the limit gets no place and is not weighed; the one with the last place ends the device.
  const attempt = await store.countAttempt(input.preAuthSessionId, maximumCodeInputAttempts);
  if (attempt === null) return RESTART;
  const found = await store.getDevice(input.preAuthSessionId);
  if (!found) return RESTART;
  const typed = normaliseUserInputCode(input.userInputCode);
  const hash =
    typed.length > 0 && typed.length <= MAX_SECRET_LENGTH ? hashUserInputCode(ctx.keys.passwordlessCode, input.preAuthSessionId, typed) : "";
  const code = hash ? found.codes.find((c) => sameHash(c.userInputCodeHash, hash)) : undefined;
  const expired = code !== undefined && code.expiresAt.getTime() <= ctx.now().getTime();
  if (!code || expired) {
    const failedCodeInputAttemptCount = attempt; // this try, wrong, and those before it
    if (failedCodeInputAttemptCount >= maximumCodeInputAttempts) {
      await store.deleteDevice(input.preAuthSessionId);
      logAuthEvent(ctx, "passwordless.code_rejected", { reason: "TOO_MANY_ATTEMPTS", count: failedCodeInputAttemptCount }, "warn");
      return RESTART;
    }
    logAuthEvent(ctx, "passwordless.code_rejected", { reason: expired ? "EXPIRED" : "INCORRECT", count: failedCodeInputAttemptCount });
    return {
      status: expired ? "EXPIRED_USER_INPUT_CODE_ERROR" : "INCORRECT_USER_INPUT_CODE_ERROR",
      failedCodeInputAttemptCount,
      maximumCodeInputAttempts,
    };
  }
  return finish(ctx, found, "code", client, tenant);
}

async function consumeLinkCode(
  ctx: EngineContext,
  input: { preAuthSessionId: string; linkCode: string },
  client: ClientInfo,
  tenant: Tenant | undefined,
): Promise<ConsumeCodeResult> {
  if (input.linkCode.length === 0 || input.linkCode.length > MAX_SECRET_LENGTH) return RESTART;
  const found = await ctx.stores.passwordless.findCodeByLinkCodeHash(hashLinkCode(input.linkCode, tenant?.id));
  // A link for another device, or past its time: the FDI's answer is to start again.
  if (!found || !sameHash(found.device.preAuthSessionId, input.preAuthSessionId)) return RESTART;
  if (found.code.expiresAt.getTime() <= ctx.now().getTime()) {
    logAuthEvent(ctx, "passwordless.code_rejected", { reason: "EXPIRED" });
    return RESTART;
  }
  return finish(ctx, { device: found.device, codes: [found.code] }, "link", client, tenant);
}

async function finish(
  ctx: EngineContext,
  { device, codes }: { device: PasswordlessDeviceRow; codes: PasswordlessCodeRow[] },
  proof: PasswordlessProof,
  client: ClientInfo,
  tenant: Tenant | undefined,
): Promise<ConsumeCodeResult> {
  // A typed code is the factor otp-*, a link link-*, and a tenant may take one and not the
  // other. Its flow decides what a new message carries, but a message sent before its login
  // methods changed (or under a flow that sent both) still holds the other: asked here, before
  // the device is spent, so the proof it does take still works.
  const factor = passwordlessFactorOf(device.email !== null ? "email" : "phone", proof);
  if (!(tenant?.firstFactors ?? configuredFirstFactors(ctx)).includes(factor)) {
    logAuthEvent(ctx, "passwordless.code_rejected", { reason: "FACTOR_NOT_ALLOWED", method: factor });
    return { status: "FACTOR_NOT_ALLOWED" };
  }
  // The one consumer whose delete removed the device goes on; every concurrent one starts again.
  if (!(await ctx.stores.passwordless.deleteDevice(device.preAuthSessionId))) return RESTART;
  const contact: Contact = device.email !== null ? { email: device.email } : { phoneNumber: device.phoneNumber! };
  let result: PasswordlessSignInUpResult;
  try {
    result = await signInUpWithProvenContact(ctx, contact, proof, client, tenant);
  } catch (error) {
    await giveDeviceBack(ctx, proof === "code" ? rightTryUncounted(device) : device, codes);
    throw error;
  }
  // The address is proven: the other sign-ins started for it are moot.
  if (result.status === "OK") await ctx.stores.passwordless.deleteDevicesFor(contact);
  return result;
}

/**
 * The device as read after this consume's typed code took its place in the count: written back
 * with that place, the retry of the right code (itself counted) found the device full when it was
 * the last try allowed, and answered RESTART_FLOW_ERROR. Only wrong tries stay counted.
 */
function rightTryUncounted(device: PasswordlessDeviceRow): PasswordlessDeviceRow {
  return { ...device, failedAttempts: Math.max(0, device.failedAttempts - 1) };
}

/**
 * The device, and the codes this consume read with it, written back after the sign-in it was
 * spent for threw (the database failing, a hook throwing): the answer is a 503 or a 500, and the
 * retry it asks for must find the code, not RESTART_FLOW_ERROR. Nobody received tokens from the
 * failed attempt. A device that cannot be written back either (the database still down) stays
 * spent, and the user has another code sent.
 */
async function giveDeviceBack(ctx: EngineContext, device: PasswordlessDeviceRow, codes: PasswordlessCodeRow[]): Promise<void> {
  const [first, ...rest] = codes;
  if (!first) return;
  try {
    await ctx.stores.passwordless.createDevice(device, first);
    for (const code of rest) await ctx.stores.passwordless.addCode(code);
  } catch {
    // Spent, as it was before this: the original failure is the one reported.
  }
}
