/**
 * Passwordless sign-in over HTTP: the FDI endpoints exactly as supertokens-web-js calls them
 * (its querier drops the default tenant's `/public` segment). Parse, limit, call the engine,
 * answer. With `passwordless` off every one of them answers 404, as for an unknown path, and
 * so does a tenant whose first factors have no passwordless one.
 */
import { z } from "zod";
import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import { normaliseEmail, validateEmail } from "../../auth/emailpassword/credential-checks";
import { limitClient } from "../../auth/limits/client-limits";
import { MAX_SECRET_LENGTH } from "../../auth/passwordless/codes";
import { consumeCode, type ConsumeCodeResult } from "../../auth/passwordless/consume-code";
import { normalisePhoneNumber, parseContact } from "../../auth/passwordless/contact";
import { createCode, resendCode } from "../../auth/passwordless/create-code";
import { isSameOrigin } from "../csrf";
import { parseBody } from "../parse";
import { badInput, crossOriginRefused, json, notFound, resultResponse } from "../respond";
import { attachTokens } from "../session-transport";
import { MESSAGE, STATUS } from "../../auth/wire-codes";
import type { FirstFactor } from "../../auth/organizations/tenants";
import { flowFor } from "../../auth/passwordless/create-code";
import { requestTenant, type TenantLookup } from "../tenant";

const secret = z.string().min(1).max(MAX_SECRET_LENGTH);
/**
 * A magic link's parts may come empty: supertokens-web-js reads the code from the URL's #fragment
 * and the id from its query, and sends "" for one a mail client or link scanner dropped. That is a
 * link to start again from (the engine answers RESTART_FLOW_ERROR), not a malformed request.
 */
const linkPart = z.string().max(MAX_SECRET_LENGTH);
const linking = { shouldTryLinkingWithSessionUser: z.boolean().optional() };

const createCodeBody = z.object({ email: z.string().max(512).optional(), phoneNumber: z.string().max(64).optional(), ...linking });
const resendCodeBody = z.object({ deviceId: secret, preAuthSessionId: secret, ...linking });
const consumeCodeBody = z.union([
  z.object({ preAuthSessionId: secret, deviceId: secret, userInputCode: z.string().min(1).max(64), ...linking }).strict(),
  z.object({ preAuthSessionId: linkPart, linkCode: linkPart, ...linking }).strict(),
]);

const PASSWORDLESS_FACTORS: readonly FirstFactor[] = ["otp-email", "otp-phone", "link-email", "link-phone"];

/** The request's tenant, when passwordless is on for the app and for it. */
async function passwordlessTenant(ctx: EngineContext, params: Record<string, string>): Promise<TenantLookup> {
  if (!ctx.config.passwordless.enabled) return { ok: false, response: notFound() };
  return requestTenant(ctx, params, PASSWORDLESS_FACTORS);
}

/** What every passwordless POST checks first: switched on (app and tenant), same origin. The engine counts the limits. */
async function guard(ctx: EngineContext, request: Request, params: Record<string, string>): Promise<TenantLookup> {
  const found = await passwordlessTenant(ctx, params);
  if (!found.ok) return found;
  // Login CSRF: a cross-site page must not sign the victim in, nor have codes sent in their name.
  if (!isSameOrigin(ctx, request)) return { ok: false, response: crossOriginRefused() };
  return found;
}

/** POST [/<tenantId>]/signinup/code {email} | {phoneNumber} → {status:"OK", deviceId, preAuthSessionId, flowType}, GENERAL_ERROR */
export async function handleCreateCode(ctx: EngineContext, request: Request, params: Record<string, string>, client: ClientInfo): Promise<Response> {
  const guarded = await guard(ctx, request, params);
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, createCodeBody);
  if (!parsed.ok) return parsed.response;
  const { email, phoneNumber } = parsed.value;
  if ((email === undefined) === (phoneNumber === undefined)) return badInput("Please provide exactly one of email or phoneNumber");
  const contact = parseContact(ctx.config.passwordless.contactMethod, { email, phoneNumber });
  if (contact.status === "NOT_ACCEPTED") return badInput(contact.message);
  // The FDI's answer to a malformed address: GENERAL_ERROR, whose message the client shows.
  if (contact.status === "INVALID") return json({ status: STATUS.GENERAL_ERROR, message: contact.message });
  // The tenant may take emails and not phone numbers (or the other way round): as the app's contact method does.
  if (!flowFor(ctx, contact.contact, guarded.tenant)) return badInput(MESSAGE.CONTACT_NOT_ACCEPTED);
  return resultResponse(await createCode(ctx, contact.contact, client, guarded.tenant));
}

/** POST [/<tenantId>]/signinup/code/resend {deviceId, preAuthSessionId} → OK, RESTART_FLOW_ERROR (also for a device of another tenant), GENERAL_ERROR */
export async function handleResendCode(ctx: EngineContext, request: Request, params: Record<string, string>, client: ClientInfo): Promise<Response> {
  const guarded = await guard(ctx, request, params);
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, resendCodeBody);
  if (!parsed.ok) return parsed.response;
  return resultResponse(await resendCode(ctx, parsed.value, client, guarded.tenant));
}

/**
 * POST [/<tenantId>]/signinup/code/consume {preAuthSessionId, deviceId, userInputCode} | {preAuthSessionId, linkCode}
 * → OK + session, INCORRECT_USER_INPUT_CODE_ERROR, EXPIRED_USER_INPUT_CODE_ERROR, RESTART_FLOW_ERROR (also for a
 * code of another tenant), SIGN_IN_UP_NOT_ALLOWED (the tenant's membership rules); 404 for a proof whose factor the
 * tenant has off (a typed code, `otp-*`, where it takes links only, `link-*`, or the reverse), as for any method it has off
 */
export async function handleConsumeCode(ctx: EngineContext, request: Request, params: Record<string, string>, client: ClientInfo): Promise<Response> {
  const guarded = await guard(ctx, request, params);
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, consumeCodeBody);
  if (!parsed.ok) return parsed.response;
  const { shouldTryLinkingWithSessionUser: _linking, ...input } = parsed.value;
  const result = await consumeCode(ctx, input, client, guarded.tenant);
  return consumeResponse(ctx, request, result);
}

function consumeResponse(ctx: EngineContext, request: Request, result: ConsumeCodeResult): Response {
  if (result.status === "FACTOR_NOT_ALLOWED") return notFound();
  if (result.status !== "OK") return resultResponse(result);
  const response = json({ status: "OK", user: result.user, createdNewRecipeUser: result.createdNewRecipeUser });
  attachTokens(response.headers, ctx.config, result.tokens, request, ctx.now());
  return response;
}

/**
 * GET [/<tenantId>]/passwordless/email/exists?email= → {status:"OK", exists}. The FDI asks for this oracle;
 * it is limited per client like the email+password one, and answers only for passwordless accounts.
 */
export async function handlePasswordlessEmailExists(
  ctx: EngineContext,
  request: Request,
  params: Record<string, string>,
  client: ClientInfo,
): Promise<Response> {
  const tenant = await passwordlessTenant(ctx, params);
  if (!tenant.ok) return tenant.response;
  const limited = await limitClient(ctx, "emailExistsPerIp", client);
  if (limited) return resultResponse(limited);
  const email = new URL(request.url).searchParams.get("email");
  if (email === null) return badInput("The email query parameter is required");
  if (email.length > 512 || validateEmail(email)) return badInput("The email query parameter is not a valid email");
  const found = await ctx.stores.passwordless.findAccount({ email: normaliseEmail(email) });
  return json({ status: "OK", exists: found !== null });
}

/** GET [/<tenantId>]/passwordless/phonenumber/exists?phoneNumber= → {status:"OK", exists}, limited as above. */
export async function handlePasswordlessPhoneNumberExists(
  ctx: EngineContext,
  request: Request,
  params: Record<string, string>,
  client: ClientInfo,
): Promise<Response> {
  const tenant = await passwordlessTenant(ctx, params);
  if (!tenant.ok) return tenant.response;
  const limited = await limitClient(ctx, "emailExistsPerIp", client);
  if (limited) return resultResponse(limited);
  const raw = new URL(request.url).searchParams.get("phoneNumber");
  if (raw === null) return badInput("The phoneNumber query parameter is required");
  const phoneNumber = raw.length <= 64 ? normalisePhoneNumber(raw) : null;
  if (!phoneNumber) return badInput("The phoneNumber query parameter is not a valid phone number");
  const found = await ctx.stores.passwordless.findAccount({ phoneNumber });
  return json({ status: "OK", exists: found !== null });
}
