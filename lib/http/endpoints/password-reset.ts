import { z } from "zod";
import type { EngineContext } from "../../auth/context";
import { MAX_EMAIL_TOKEN_LENGTH } from "../../auth/email-tokens/email-token";
import { normaliseEmail } from "../../auth/emailpassword/credential-checks";
import { resetPasswordUsingToken } from "../../auth/passwordreset/reset-password";
import { sendPasswordResetEmail } from "../../auth/passwordreset/send-reset-email";
import { getSession } from "../../auth/session/session";
import { isSameOrigin } from "../csrf";
import { formFieldsSchema, formFieldsToMap, parseBody } from "../parse";
import { limitGlobally } from "../../auth/limits/global-budget";
import { limitAttempt } from "../../auth/limits/rate-limit";
import { limitClientWith } from "../../auth/limits/client-limits";
import type { ClientInfo } from "../../auth/client-info";
import { badInput, crossOriginRefused, fieldsNotOptional, json, resultResponse } from "../respond";
import { readAccessToken } from "../session-transport";
import { MESSAGE } from "../../auth/wire-codes";
import { requestTenant } from "../tenant";

/** Logged once per window when `passwordReset.sendLimitGlobal` is spent. */
const RESET_BUDGET_SPENT = {
  event: "password_reset.send_budget_spent",
  message:
    "password-reset requests are held back until the window ends (passwordReset.sendLimitGlobal): a flood of requests, or a budget below the app's resets",
};

/**
 * POST [/<tenantId>]/user/password/reset/token `{formFields:[{id:"email",value}]}` → `{status:"OK"}`,
 * for an unknown address exactly as for a known one (see sendPasswordResetEmail); 429 past the
 * per-client, per-address and all-clients (`sendLimitGlobal`) limits, whatever the address. Under an
 * organization's tenant the link works only there, and only its members (or those it lets sign up) get one.
 */
export async function handlePasswordResetToken(
  ctx: EngineContext,
  request: Request,
  params: Record<string, string>,
  client: ClientInfo,
): Promise<Response> {
  const tenant = await requestTenant(ctx, params, "emailpassword");
  if (!tenant.ok) return tenant.response;
  if (!isSameOrigin(ctx, request)) return crossOriginRefused();
  const parsed = await parseBody(request, formFieldsSchema);
  if (!parsed.ok) return parsed.response;
  const fields = formFieldsToMap(parsed.value.formFields);
  if (!fields) return badInput(MESSAGE.DUPLICATE_FIELD_ID);
  const email = fields.get("email");
  if (email === undefined) return fieldsNotOptional(["email"]);
  // The client's requests first, whatever addresses they name (a known client address only);
  // then the address asked about, known or not; then every request together, known address or
  // not. None of them reveals anything: each counts and refuses a known address as an unknown one.
  // Counting only the emails sent would: a budget left at one tells by the next refusal whether
  // the address just asked for had an account.
  const limited =
    (await limitClientWith(ctx, "password-reset-client", ctx.config.passwordReset.requestLimitPerClient, client)) ??
    (await limitAttempt(ctx, "password-reset-email", ctx.config.passwordReset.requestLimit, normaliseEmail(email))) ??
    (await limitGlobally(ctx, "password-reset-global", ctx.config.passwordReset.sendLimitGlobal, RESET_BUDGET_SPENT));
  if (limited) return resultResponse(limited);
  const result = await sendPasswordResetEmail(ctx, { email, tenant: tenant.tenant });
  return json(result.status === "OK" ? { status: "OK" } : result);
}

const resetBody = z.object({
  method: z.literal("token"),
  token: z.string().max(MAX_EMAIL_TOKEN_LENGTH),
  formFields: formFieldsSchema.shape.formFields,
});

/**
 * POST [/<tenantId>]/user/password/reset `{method:"token", token, formFields:[{id:"password",value}]}` →
 * `OK`, `RESET_PASSWORD_INVALID_TOKEN_ERROR` or `FIELD_ERROR`. A session the request carries
 * (the user reset from a signed-in tab) survives the revocation of the others. A token issued
 * under another tenant is an invalid token here.
 */
export async function handlePasswordReset(ctx: EngineContext, request: Request, params: Record<string, string>): Promise<Response> {
  const tenant = await requestTenant(ctx, params, "emailpassword");
  if (!tenant.ok) return tenant.response;
  if (!isSameOrigin(ctx, request)) return crossOriginRefused();
  const parsed = await parseBody(request, resetBody);
  if (!parsed.ok) return parsed.response;
  const fields = formFieldsToMap(parsed.value.formFields);
  if (!fields) return badInput(MESSAGE.DUPLICATE_FIELD_ID);
  const newPassword = fields.get("password");
  if (newPassword === undefined) return fieldsNotOptional(["password"]);
  const current = await getSession(ctx, { accessToken: readAccessToken(request, ctx.config).token });
  const result = await resetPasswordUsingToken(ctx, {
    token: parsed.value.token,
    newPassword,
    keepSessionHandle: current.status === "OK" ? current.session.sessionHandle : undefined,
    tenantId: tenant.tenant.id,
  });
  return json(result.status === "OK" ? { status: "OK" } : result);
}
