/**
 * Passkeys over HTTP: the FDI `webauthn` endpoints exactly as supertokens-web-js's webauthn
 * recipe calls them, plus Gatehouse's own rename. Parse, guard, call the engine, answer. With
 * `webauthn` off every one of them answers 404, as for an unknown path.
 *
 * Each answers under a tenant segment too (`/<tenantId>/webauthn/…`, routes.ts TENANT_PATHS):
 * the tenant's rules apply to sign-up, sign-in and recovery, and a signed-in call there takes
 * only a session of that tenant (tenant.ts).
 */
import { z } from "zod";
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import { normaliseEmail, validateEmail } from "../../auth/emailpassword/credential-checks";
import { createRegisterOptions, createSignInOptions } from "../../auth/webauthn/ceremony-options";
import { listCredentials, ownPasskeysToExclude, registerCredential, removeCredential, renameCredential } from "../../auth/webauthn/credentials";
import { createRecoverRegisterOptions, generateRecoverAccountToken, recoverAccount } from "../../auth/webauthn/recover";
import { passkeyCapRefusal } from "../../auth/webauthn/passkey-cap";
import { signUpsHeldBack } from "../../auth/limits/sign-up-budget";
import { passkeySignUpRefusal, signInWithPasskey, signUpWithPasskey, type SignedIn } from "../../auth/webauthn/sign-in-up";
import { mayChangeFactors } from "../../auth/mfa/may-change-factors";
import { stepUpErrors } from "../../auth/mfa/step-up";
import type { Tenant } from "../../auth/organizations/tenants";
import type { VerifiedSession } from "../../auth/session/session";
import { parseBody } from "../parse";
import { badInput, json, resultResponse } from "../respond";
import { answerInvalidClaim, answerMfaRequired } from "../session-errors";
import { attachTokens, readAccessToken } from "../session-transport";
import { sessionIsOfTenant, sessionOutsideTenant } from "../tenant";
import { verifyRequestSession, type VerifyRequestResult } from "../verify-request";
import { authenticationResponseSchema, guardWebauthn, limitClient, optionsId, registrationResponseSchema, relyingPartyOf } from "../webauthn-request";

type Params = Record<string, string>;

const linking = { shouldTryLinkingWithSessionUser: z.boolean().optional() };
/**
 * A recovery token as the link gave it: "" for a link that lost its `?token=` value is a token
 * that matches none (recover.ts answers RECOVER_ACCOUNT_TOKEN_INVALID_ERROR, as SuperTokens
 * does, which auth-react shows as "ask for a new link"), not a malformed request.
 */
const recoverToken = z.string().max(512);
const registerOptionsBody = z.union([
  z.object({ email: z.string().max(512), displayName: z.string().max(256).optional() }),
  z.object({ recoverAccountToken: recoverToken }),
]);
const signUpBody = z.object({ webauthnGeneratedOptionsId: optionsId, credential: registrationResponseSchema, ...linking });
const signInBody = z.object({ webauthnGeneratedOptionsId: optionsId, credential: authenticationResponseSchema, ...linking });
const registerCredentialBody = z.object({
  webauthnGeneratedOptionsId: optionsId,
  recipeUserId: z.string().min(1).max(191),
  credential: registrationResponseSchema,
  name: z.string().max(256).optional(),
});
const credentialIdBody = z.object({ webauthnCredentialId: z.string().min(1).max(1400) });
const renameBody = z.object({ webauthnCredentialId: z.string().min(1).max(1400), name: z.string().max(256) });
const recoverTokenBody = z.object({ email: z.string().max(512) });
const recoverBody = z.object({ token: recoverToken, webauthnGeneratedOptionsId: optionsId, credential: registrationResponseSchema });

// The schemas check the shape; @simplewebauthn/server checks every byte inside.
const asRegistration = (credential: z.infer<typeof registrationResponseSchema>) => credential as RegistrationResponseJSON;
const asAuthentication = (credential: z.infer<typeof authenticationResponseSchema>) => credential as AuthenticationResponseJSON;

/** What a signed-in call checks first: the guard, then a session of the request's tenant (another tenant's is none: tenant.ts). */
async function guardSignedIn(
  ctx: EngineContext,
  request: Request,
  params: Record<string, string>,
  client: ClientInfo,
  limit?: "verifyLimitPerClient",
): Promise<VerifyRequestResult> {
  const guarded = await guardWebauthn(ctx, request, params, client, limit);
  if (!guarded.ok) return guarded;
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified;
  const outside = await sessionOutsideTenant(ctx, request, guarded.tenant, verified.session);
  return outside ? { ok: false, response: outside } : verified;
}

function signedInResponse(ctx: EngineContext, request: Request, result: SignedIn): Response {
  const response = json({ status: "OK", user: result.user });
  attachTokens(response.headers, ctx.config, result.tokens, request, ctx.now());
  return response;
}

/**
 * POST [/<tenantId>]/webauthn/options/register {email} | {recoverAccountToken} → OK + options, INVALID_EMAIL_ERROR,
 * RECOVER_ACCOUNT_TOKEN_INVALID_ERROR, GENERAL_ERROR `TOO_MANY_PASSKEYS` for the signed-in user's own address at `webauthn.maxPasskeys`;
 * 429 for a sign-up while `rateLimits.signUpGlobal` is spent
 */
export async function handleRegisterOptions(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const guarded = await guardWebauthn(ctx, request, params, client, "optionsLimitPerClient");
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, registerOptionsBody);
  if (!parsed.ok) return parsed.response;
  const rp = relyingPartyOf(ctx, request);
  const { tenant } = guarded;
  if ("recoverAccountToken" in parsed.value) return json(await createRecoverRegisterOptions(ctx, rp, parsed.value.recoverAccountToken, tenant.id));
  const error = validateEmail(parsed.value.email);
  if (error) return json({ status: "INVALID_EMAIL_ERROR", err: error });
  const email = normaliseEmail(parsed.value.email);
  const signedIn = await signedInSessionOf(ctx, request, tenant);
  const own = await ownPasskeysToExclude(ctx, signedIn?.userId ?? null, email);
  // At the cap (webauthn.maxPasskeys) the addition would be refused: said now, before the
  // authenticator makes a passkey that would stay on the device unusable.
  const full = own.ownAccount && signedIn ? await passkeyCapRefusal(ctx, signedIn.userId, own.exclude.length) : null;
  if (full) return json(full);
  // Adding a passkey to the signed-in account is a sensitive action (a passkey meets MFA by
  // itself): step-up is asked here, before the authenticator makes a passkey that could not be added.
  const stepUp = own.ownAccount && signedIn ? await stepUpErrors(ctx, signedIn) : null;
  if (stepUp) return answerInvalidClaim(ctx, request, stepUp);
  // A sign-up the tenant would refuse is refused now, before the authenticator makes a passkey
  // that would stay on the device unusable; the FDI's only refusal here is about the email.
  const refusal = own.ownAccount ? null : passkeySignUpRefusal(tenant, email);
  if (refusal) return json({ status: "INVALID_EMAIL_ERROR", err: refusal });
  // Likewise a sign-up while rateLimits.signUpGlobal is spent (counted at the sign-up itself).
  const heldBack = own.ownAccount ? null : await signUpsHeldBack(ctx);
  if (heldBack) return resultResponse(heldBack);
  return json(await createRegisterOptions(ctx, rp, { email, exclude: own.exclude }));
}

/**
 * The request's session, if it carries one that passes every check a signed-in call
 * makes; null otherwise. The options need none (sign-up has no session), so anything short of
 * a valid session only means no passkeys to exclude, never a refusal.
 */
async function signedInSessionOf(ctx: EngineContext, request: Request, tenant: Tenant): Promise<VerifiedSession | null> {
  if (readAccessToken(request, ctx.config).token === null) return null;
  const verified = await verifyRequestSession(ctx, request);
  return verified.ok && sessionIsOfTenant(tenant, verified.session) ? verified.session : null;
}

/** POST [/<tenantId>]/webauthn/options/signin → OK + options (no body needed: discoverable credentials) */
export async function handleSignInOptions(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const guarded = await guardWebauthn(ctx, request, params, client, "optionsLimitPerClient");
  if (!guarded.ok) return guarded.response;
  return json(await createSignInOptions(ctx, relyingPartyOf(ctx, request)));
}

/**
 * POST [/<tenantId>]/webauthn/signup → OK + session, EMAIL_ALREADY_EXISTS_ERROR, SIGN_UP_NOT_ALLOWED (the tenant's rules),
 * INVALID_CREDENTIALS_ERROR, OPTIONS_NOT_FOUND_ERROR, INVALID_OPTIONS_ERROR, INVALID_AUTHENTICATOR_ERROR; 429 past
 * `rateLimits.signUpGlobal`
 */
export async function handleWebauthnSignUp(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const guarded = await guardWebauthn(ctx, request, params, client, "verifyLimitPerClient");
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, signUpBody);
  if (!parsed.ok) return parsed.response;
  const { webauthnGeneratedOptionsId, credential } = parsed.value;
  const result = await signUpWithPasskey(
    ctx,
    relyingPartyOf(ctx, request),
    { webauthnGeneratedOptionsId, credential: asRegistration(credential) },
    client,
    guarded.tenant,
  );
  return result.status === "OK" ? signedInResponse(ctx, request, result) : resultResponse(result);
}

/** POST [/<tenantId>]/webauthn/signin → OK + session, INVALID_CREDENTIALS_ERROR (also for someone the tenant does not let in) */
export async function handleWebauthnSignIn(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const guarded = await guardWebauthn(ctx, request, params, client, "verifyLimitPerClient");
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, signInBody);
  if (!parsed.ok) return parsed.response;
  const { webauthnGeneratedOptionsId, credential } = parsed.value;
  const result = await signInWithPasskey(
    ctx,
    relyingPartyOf(ctx, request),
    { webauthnGeneratedOptionsId, credential: asAuthentication(credential) },
    client,
    guarded.tenant,
  );
  return result.status === "OK" ? signedInResponse(ctx, request, result) : resultResponse(result);
}

/**
 * POST [/<tenantId>]/webauthn/credential (signed in) → OK, REGISTER_CREDENTIAL_NOT_ALLOWED, INVALID_CREDENTIALS_ERROR,
 * OPTIONS_NOT_FOUND_ERROR, INVALID_OPTIONS_ERROR, INVALID_AUTHENTICATOR_ERROR, GENERAL_ERROR `TOO_MANY_PASSKEYS`
 */
export async function handleRegisterCredential(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const verified = await guardSignedIn(ctx, request, params, client, "verifyLimitPerClient");
  if (!verified.ok) return verified.response;
  const parsed = await parseBody(request, registerCredentialBody);
  if (!parsed.ok) return parsed.response;
  const { userId, sessionHandle } = verified.session;
  if (parsed.value.recipeUserId !== userId) {
    return json({ status: "REGISTER_CREDENTIAL_NOT_ALLOWED", reason: "A passkey can only be added to the signed-in user" });
  }
  // A passkey meets MFA by itself: asked of the requirements as they are now (may-change-factors.ts).
  if (!(await mayChangeFactors(ctx, verified.session, "setup"))) return answerMfaRequired(ctx, request);
  // Asked again here: the options may have been made inside the step-up window and used after it.
  const stepUp = await stepUpErrors(ctx, verified.session);
  if (stepUp) return answerInvalidClaim(ctx, request, stepUp);
  const { webauthnGeneratedOptionsId, credential, name } = parsed.value;
  return json(
    await registerCredential(ctx, relyingPartyOf(ctx, request), {
      userId,
      sessionHandle,
      webauthnGeneratedOptionsId,
      credential: asRegistration(credential),
      name,
    }),
  );
}

/** GET [/<tenantId>]/webauthn/credential/list (signed in) → {status:"OK", credentials:[{webauthnCredentialId, relyingPartyId, recipeUserId, createdAt, name, lastUsedAt}]} */
export async function handleListCredentials(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const verified = await guardSignedIn(ctx, request, params, client);
  if (!verified.ok) return verified.response;
  return json(await listCredentials(ctx, verified.session.userId));
}

/** POST [/<tenantId>]/webauthn/credential/remove {webauthnCredentialId} (signed in; step-up as for the password change) → OK, CREDENTIAL_NOT_FOUND_ERROR */
export async function handleRemoveCredential(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const verified = await guardSignedIn(ctx, request, params, client);
  if (!verified.ok) return verified.response;
  const parsed = await parseBody(request, credentialIdBody);
  if (!parsed.ok) return parsed.response;
  if (!(await mayChangeFactors(ctx, verified.session, "remove"))) return answerMfaRequired(ctx, request);
  const stepUp = await stepUpErrors(ctx, verified.session);
  if (stepUp) return answerInvalidClaim(ctx, request, stepUp);
  return json(await removeCredential(ctx, { userId: verified.session.userId, webauthnCredentialId: parsed.value.webauthnCredentialId }));
}

/** POST [/<tenantId>]/webauthn/credential/rename {webauthnCredentialId, name} (Gatehouse's own; signed in) → OK, CREDENTIAL_NOT_FOUND_ERROR, INVALID_NAME_ERROR */
export async function handleRenameCredential(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const verified = await guardSignedIn(ctx, request, params, client);
  if (!verified.ok) return verified.response;
  const parsed = await parseBody(request, renameBody);
  if (!parsed.ok) return parsed.response;
  return json(await renameCredential(ctx, { userId: verified.session.userId, ...parsed.value }));
}

/**
 * GET [/<tenantId>]/webauthn/email/exists?email= → {status:"OK", exists}: whether a user with passkeys has this address, in
 * the app's one user pool whatever the tenant (as emailpassword's). Limited per client.
 */
export async function handleWebauthnEmailExists(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const guarded = await guardWebauthn(ctx, request, params, client);
  if (!guarded.ok) return guarded.response;
  const refused = await limitClient(ctx, client, "emailExistsPerIp", ctx.config.rateLimits.emailExistsPerIp);
  if (refused) return refused;
  const email = new URL(request.url).searchParams.get("email");
  if (email === null) return badInput("The email query parameter is required");
  if (email.length > 512 || validateEmail(email)) return badInput("The email query parameter is not a valid email");
  const user = await ctx.stores.thirdParty.findUserByEmail(normaliseEmail(email));
  const exists = user !== null && (await ctx.stores.webauthn.listCredentials(user.id)).length > 0;
  return json({ status: "OK", exists });
}

/**
 * POST [/<tenantId>]/user/webauthn/reset/token {email} → OK (whatever the address), INVALID_EMAIL_ERROR; 429 past the
 * per-address limit. Under an organization's tenant the link works only there, and only those who may enter it get one.
 */
export async function handleRecoverToken(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const guarded = await guardWebauthn(ctx, request, params, client, "optionsLimitPerClient");
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, recoverTokenBody);
  if (!parsed.ok) return parsed.response;
  const result = await generateRecoverAccountToken(ctx, { email: parsed.value.email, tenant: guarded.tenant });
  if (result.status === "OK") return json({ status: "OK" });
  return resultResponse(result);
}

/**
 * POST [/<tenantId>]/user/webauthn/reset {token, webauthnGeneratedOptionsId, credential} → OK + user + email,
 * RECOVER_ACCOUNT_TOKEN_INVALID_ERROR (also for a token issued under another tenant), … (never refused by
 * `webauthn.maxPasskeys`: recovery is the way back in)
 */
export async function handleRecoverAccount(ctx: EngineContext, request: Request, params: Params, client: ClientInfo): Promise<Response> {
  const guarded = await guardWebauthn(ctx, request, params, client, "verifyLimitPerClient");
  if (!guarded.ok) return guarded.response;
  const parsed = await parseBody(request, recoverBody);
  if (!parsed.ok) return parsed.response;
  const { token, webauthnGeneratedOptionsId, credential } = parsed.value;
  const input = { token, webauthnGeneratedOptionsId, credential: asRegistration(credential), tenantId: guarded.tenant.id };
  return json(await recoverAccount(ctx, relyingPartyOf(ctx, request), input));
}
