import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import type { CredentialsInput } from "../../auth/emailpassword/credentials";
import { signIn } from "../../auth/emailpassword/sign-in";
import { signUp } from "../../auth/emailpassword/sign-up";
import { checkExistingEmail, normaliseEmail } from "../../auth/emailpassword/credential-checks";
import { limitClient } from "../../auth/limits/client-limits";
import { formFieldsSchema, formFieldsToMap, parseBody } from "../parse";
import { badInput, crossOriginRefused, json, notFound, resultResponse } from "../respond";
import { isSameOrigin } from "../csrf";
import { signInResponse } from "../sign-in-response";
import { MESSAGE } from "../../auth/wire-codes";
import { requestTenant } from "../tenant";

/** The form as sent: which fields are required, and what they must hold, is the engine's to say. */
async function readForm(
  ctx: EngineContext,
  request: Request,
  client: ClientInfo,
): Promise<{ ok: true; value: CredentialsInput } | { ok: false; response: Response }> {
  // Login CSRF: a cross-site page must not sign the victim into the attacker's account.
  if (!isSameOrigin(ctx, request)) return { ok: false, response: crossOriginRefused() };
  const parsed = await parseBody(request, formFieldsSchema);
  if (!parsed.ok) return parsed;
  const fields = formFieldsToMap(parsed.value.formFields);
  if (!fields) return { ok: false, response: badInput(MESSAGE.DUPLICATE_FIELD_ID) };
  return { ok: true, value: { email: fields.get("email"), password: fields.get("password"), formFields: Object.fromEntries(fields), client } };
}

/** POST [/<tenantId>]/signup {formFields} → OK + session, FIELD_ERROR, SIGN_UP_NOT_ALLOWED (the tenant's rules); 429 past the client's sign-up limit. */
export async function handleSignUp(ctx: EngineContext, request: Request, params: Record<string, string>, client: ClientInfo): Promise<Response> {
  const found = await requestTenant(ctx, params, "emailpassword");
  if (!found.ok) return found.response;
  const form = await readForm(ctx, request, client);
  if (!form.ok) return form.response;
  return signInResponse(ctx, request, await signUp(ctx, { ...form.value, tenant: found.tenant }));
}

/**
 * POST [/<tenantId>]/signin {formFields} → OK + session, FIELD_ERROR, WRONG_CREDENTIALS_ERROR,
 * SIGN_IN_NOT_ALLOWED (a tenant that takes the email's domain once it is verified); 429 while a limit holds the attempt back.
 */
export async function handleSignIn(ctx: EngineContext, request: Request, params: Record<string, string>, client: ClientInfo): Promise<Response> {
  const found = await requestTenant(ctx, params, "emailpassword");
  if (!found.ok) return found.response;
  const form = await readForm(ctx, request, client);
  if (!form.ok) return form.response;
  return signInResponse(ctx, request, await signIn(ctx, { ...form.value, tenant: found.tenant }));
}

/** GET [/<tenantId>]/emailpassword/email/exists?email= → {status:"OK", exists}: the app's one user pool, whatever the tenant. */
export async function handleEmailExists(ctx: EngineContext, request: Request, params: Record<string, string>, client: ClientInfo): Promise<Response> {
  // Switched off: the same answer as a path that does not exist (routes.ts).
  if (!ctx.config.emailPassword.emailExistsEndpoint) return notFound();
  const found = await requestTenant(ctx, params, "emailpassword");
  if (!found.ok) return found.response;
  const limited = await limitClient(ctx, "emailExistsPerIp", client);
  if (limited) return resultResponse(limited);
  const email = new URL(request.url).searchParams.get("email");
  if (email === null) return badInput("The email query parameter is required");
  if (email.length > 4096 || checkExistingEmail(ctx.config.emailPassword, email)) return badInput("The email query parameter is not a valid email");
  const account = await ctx.stores.users.findEmailPasswordAccountByEmail(normaliseEmail(email));
  return json({ status: "OK", exists: account !== null });
}
