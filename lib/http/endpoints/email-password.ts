import type { EngineContext } from "../../auth/context";
import { signIn, signUp } from "../../auth/emailpassword/sign-up";
import { validateSignUpFields } from "../../auth/emailpassword/sign-up-fields";
import { normaliseEmail, validateEmail } from "../../auth/emailpassword/validators";
import { formFieldsSchema, formFieldsToMap, parseBody } from "../parse";
import { badInput, crossOriginRefused, fieldErrors, fieldsNotOptional, json, notFound } from "../respond";
import { isSameOrigin } from "../csrf";
import { accountSignInLimit, limitByIp, limitedClient } from "../brute-force";
import { requestInfo } from "../request-info";
import { attachTokens, tokenTransferFor } from "../session-transport";
import { MESSAGE } from "../../auth/wire-codes";

type Credentials = { email: string; password: string; formFields: Record<string, string> };

async function readCredentials(ctx: EngineContext, request: Request): Promise<{ ok: true; value: Credentials } | { ok: false; response: Response }> {
  // Login CSRF: a cross-site page must not sign the victim into the attacker's account.
  if (!isSameOrigin(ctx, request)) return { ok: false, response: crossOriginRefused() };
  const parsed = await parseBody(request, formFieldsSchema);
  if (!parsed.ok) return parsed;
  const fields = formFieldsToMap(parsed.value.formFields);
  if (!fields) return { ok: false, response: badInput(MESSAGE.DUPLICATE_FIELD_ID) };
  const missing = ["email", "password"].filter((id) => !fields.has(id));
  if (missing.length > 0) return { ok: false, response: fieldsNotOptional(missing) };
  return {
    ok: true,
    value: { email: fields.get("email")!, password: fields.get("password")!, formFields: Object.fromEntries(fields) },
  };
}

export async function handleSignUp(ctx: EngineContext, request: Request): Promise<Response> {
  const limited = await limitByIp(ctx, request, "signUpPerIp");
  if (limited) return limited;
  const credentials = await readCredentials(ctx, request);
  if (!credentials.ok) return credentials.response;
  const extraErrors = validateSignUpFields(ctx.config.emailPassword.signUpFields, credentials.value.formFields);
  if (extraErrors.length > 0) return fieldErrors(extraErrors);
  const result = await signUp(ctx, { ...credentials.value, ...requestInfo(ctx, request) });
  if (result.status !== "OK") return json(result);
  const response = json({ status: "OK", user: result.user });
  attachTokens(response.headers, ctx.config, result.tokens, tokenTransferFor(request), ctx.now());
  return response;
}

export async function handleSignIn(ctx: EngineContext, request: Request): Promise<Response> {
  const limited = await limitByIp(ctx, request, "signInPerIp");
  if (limited) return limited;
  const credentials = await readCredentials(ctx, request);
  if (!credentials.ok) return credentials.response;
  const account = normaliseEmail(credentials.value.email);
  const client = limitedClient(ctx, request);
  const locked = await accountSignInLimit.check(ctx, account, client);
  if (locked) return locked;
  const result = await signIn(ctx, { ...credentials.value, ...requestInfo(ctx, request) });
  if (result.status === "WRONG_CREDENTIALS_ERROR") await accountSignInLimit.failed(ctx, account, client);
  if (result.status !== "OK") return json(result);
  await accountSignInLimit.succeeded(ctx, account, client);
  const response = json({ status: "OK", user: result.user });
  attachTokens(response.headers, ctx.config, result.tokens, tokenTransferFor(request), ctx.now());
  return response;
}

export async function handleEmailExists(ctx: EngineContext, request: Request): Promise<Response> {
  // Switched off: the same answer as a path that does not exist (routes.ts).
  if (!ctx.config.emailPassword.emailExistsEndpoint) return notFound();
  const limited = await limitByIp(ctx, request, "emailExistsPerIp");
  if (limited) return limited;
  const email = new URL(request.url).searchParams.get("email");
  if (email === null) return badInput("The email query parameter is required");
  if (email.length > 4096 || validateEmail(email)) return badInput("The email query parameter is not a valid email");
  const found = await ctx.stores.users.findEmailPasswordAccountByEmail(normaliseEmail(email));
  return json({ status: "OK", exists: found !== null });
}
