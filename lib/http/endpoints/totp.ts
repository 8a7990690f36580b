/** The FDI's TOTP endpoints (supertokens-web-js `recipe/totp`) and Gatehouse's recovery codes, all with a session. */
import { z } from "zod";
import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import { createTotpDevice, listTotpDevices, MAX_DEVICE_NAME_LENGTH, removeTotpDevice } from "../../auth/totp/totp-devices";
import { verifyTotp, verifyTotpDevice } from "../../auth/totp/verify-totp";
import { createRecoveryCodes, redeemRecoveryCode } from "../../auth/mfa/recovery-codes";
import { stepUpErrors } from "../../auth/mfa/step-up";
import type { IssuedTokens } from "../../auth/session/session";
import { parseBody } from "../parse";
import { json, notFound } from "../respond";
import { answerInvalidClaim, answerMfaRequired, answerUnauthorised } from "../session-errors";
import { attachTokens } from "../session-transport";
import { verifyRequestSession, type VerifyRequestResult } from "../verify-request";
import { FACTOR_ENDPOINT } from "./mfa";

const deviceName = z.string().max(MAX_DEVICE_NAME_LENGTH);
/** Generous for a 6-digit code with spaces; anything longer is no code. */
const totp = z.string().max(32);

async function session(ctx: EngineContext, request: Request): Promise<VerifyRequestResult | null> {
  if (!ctx.config.mfa.enabled) return null;
  return verifyRequestSession(ctx, request, FACTOR_ENDPOINT);
}

/** Answers a verification: fresh tokens on OK (the factor is now in the claim), the FDI body either way. */
async function verified(
  ctx: EngineContext,
  request: Request,
  result: { status: string; tokens?: IssuedTokens } & Record<string, unknown>,
): Promise<Response> {
  if (result.status === "UNKNOWN_SESSION_ERROR") return answerUnauthorised(ctx, request);
  if (result.status === "MFA_REQUIRED") return answerMfaRequired(ctx, request);
  const { tokens, ...body } = result;
  const response = json(body);
  if (tokens) attachTokens(response.headers, ctx.config, tokens, request, ctx.now());
  return response;
}

/** POST /totp/device `{deviceName?}` → `{status:"OK", deviceName, secret, qrCodeString}` / `DEVICE_ALREADY_EXISTS_ERROR`. */
export async function handleCreateTotpDevice(ctx: EngineContext, request: Request): Promise<Response> {
  const checked = await session(ctx, request);
  if (!checked) return notFound();
  if (!checked.ok) return checked.response;
  const parsed = await parseBody(request, z.object({ deviceName: deviceName.optional() }));
  if (!parsed.ok) return parsed.response;
  // Another authenticator is a factor kept, as new recovery codes are: a session taken over long
  // after its last code must not add its thief's. Checked again when the device is verified.
  const stepUp = await stepUpErrors(ctx, checked.session);
  if (stepUp) return answerInvalidClaim(ctx, request, stepUp);
  const result = await createTotpDevice(ctx, checked.session, parsed.value);
  if (result.status === "MFA_REQUIRED") return answerMfaRequired(ctx, request);
  // Revoked while the device was written: answered as a revoked session is at the check.
  if (result.status === "UNKNOWN_SESSION_ERROR") return answerUnauthorised(ctx, request);
  return json(result);
}

/** POST /totp/device/verify `{deviceName, totp}` → `{status:"OK", wasAlreadyVerified}` / INVALID_TOTP_ERROR / UNKNOWN_DEVICE_ERROR / LIMIT_REACHED_ERROR. */
export async function handleVerifyTotpDevice(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const checked = await session(ctx, request);
  if (!checked) return notFound();
  if (!checked.ok) return checked.response;
  const parsed = await parseBody(request, z.object({ deviceName, totp }));
  if (!parsed.ok) return parsed.response;
  const result = await verifyTotpDevice(ctx, checked.session, parsed.value, client);
  if (result.status === "STEP_UP_REQUIRED") return answerInvalidClaim(ctx, request, result.errors);
  return verified(ctx, request, result);
}

/** POST /totp/verify `{totp}` → `OK` / INVALID_TOTP_ERROR / LIMIT_REACHED_ERROR; completes the factor in the session. */
export async function handleVerifyTotp(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const checked = await session(ctx, request);
  if (!checked) return notFound();
  if (!checked.ok) return checked.response;
  const parsed = await parseBody(request, z.object({ totp }));
  if (!parsed.ok) return parsed.response;
  return verified(ctx, request, await verifyTotp(ctx, checked.session, parsed.value, client));
}

/** GET /totp/device/list → `{status:"OK", devices:[{name, period, skew, verified}]}`. */
export async function handleListTotpDevices(ctx: EngineContext, request: Request): Promise<Response> {
  const checked = await session(ctx, request);
  if (!checked) return notFound();
  if (!checked.ok) return checked.response;
  return json({ status: "OK", devices: await listTotpDevices(ctx, checked.session.userId) });
}

/** POST /totp/device/remove `{deviceName}` → `{status:"OK", didDeviceExist}`; needs the requirements met. */
export async function handleRemoveTotpDevice(ctx: EngineContext, request: Request): Promise<Response> {
  const checked = await session(ctx, request);
  if (!checked) return notFound();
  if (!checked.ok) return checked.response;
  const parsed = await parseBody(request, z.object({ deviceName }));
  if (!parsed.ok) return parsed.response;
  const stepUp = await stepUpErrors(ctx, checked.session);
  if (stepUp) return answerInvalidClaim(ctx, request, stepUp);
  const result = await removeTotpDevice(ctx, checked.session, parsed.value);
  return result.status === "MFA_REQUIRED" ? answerMfaRequired(ctx, request) : json(result);
}

/** POST /mfa/recovery-codes (Gatehouse's own) → `{status:"OK", recoveryCodes}`: a new set, shown this once; 409 TOTP_NOT_SET_UP_ERROR without an authenticator. */
export async function handleCreateRecoveryCodes(ctx: EngineContext, request: Request): Promise<Response> {
  const checked = await session(ctx, request);
  if (!checked) return notFound();
  if (!checked.ok) return checked.response;
  const stepUp = await stepUpErrors(ctx, checked.session);
  if (stepUp) return answerInvalidClaim(ctx, request, stepUp);
  const result = await createRecoveryCodes(ctx, checked.session);
  if (result.status === "MFA_REQUIRED") return answerMfaRequired(ctx, request);
  if (result.status === "UNKNOWN_SESSION_ERROR") return answerUnauthorised(ctx, request);
  return json(result, result.status === "OK" ? 200 : 409);
}

/** POST /mfa/recovery-code/verify `{recoveryCode}` (Gatehouse's own) → `{status:"OK", remaining}` / INVALID_RECOVERY_CODE_ERROR / LIMIT_REACHED_ERROR. */
export async function handleRedeemRecoveryCode(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const checked = await session(ctx, request);
  if (!checked) return notFound();
  if (!checked.ok) return checked.response;
  const parsed = await parseBody(request, z.object({ recoveryCode: z.string().max(64) }));
  if (!parsed.ok) return parsed.response;
  return verified(ctx, request, await redeemRecoveryCode(ctx, checked.session, parsed.value, client));
}
