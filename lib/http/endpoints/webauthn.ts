/**
 * Passkeys over HTTP: the FDI `webauthn` endpoints exactly as supertokens-web-js's webauthn
 * recipe calls them, plus Gatehouse's own rename. Parse, guard, call the engine, answer. With
 * `webauthn` off every one of them answers 404, as for an unknown path.
 */
import { z } from "zod";
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import { normaliseEmail, validateEmail } from "../../auth/emailpassword/credential-checks";
import { createRegisterOptions, createSignInOptions } from "../../auth/webauthn/ceremony-options";
import { listCredentials, ownPasskeysToExclude, registerCredential, removeCredential, renameCredential } from "../../auth/webauthn/credentials";
import { createRecoverRegisterOptions, generateRecoverAccountToken, recoverAccount } from "../../auth/webauthn/recover";
import { signInWithPasskey, signUpWithPasskey, type SignedIn } from "../../auth/webauthn/sign-in-up";
import { parseBody } from "../parse";
import { badInput, json, resultResponse } from "../respond";
import { attachTokens, readAccessToken, tokenTransferFor } from "../session-transport";
import { verifyRequestSession } from "../verify-request";
import { authenticationResponseSchema, guardWebauthn, limitClient, optionsId, registrationResponseSchema, relyingPartyOf } from "../webauthn-request";

const linking = { shouldTryLinkingWithSessionUser: z.boolean().optional() };
const registerOptionsBody = z.union([
  z.object({ email: z.string().max(512), displayName: z.string().max(256).optional() }),
  z.object({ recoverAccountToken: z.string().min(1).max(512) }),
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
const recoverBody = z.object({ token: z.string().min(1).max(512), webauthnGeneratedOptionsId: optionsId, credential: registrationResponseSchema });

// The schemas check the shape; @simplewebauthn/server checks every byte inside.
const asRegistration = (credential: z.infer<typeof registrationResponseSchema>) => credential as RegistrationResponseJSON;
const asAuthentication = (credential: z.infer<typeof authenticationResponseSchema>) => credential as AuthenticationResponseJSON;

function signedInResponse(ctx: EngineContext, request: Request, result: SignedIn): Response {
  const response = json({ status: "OK", user: result.user });
  attachTokens(response.headers, ctx.config, result.tokens, tokenTransferFor(request), ctx.now());
  return response;
}

/** POST /webauthn/options/register {email} | {recoverAccountToken} → OK + options, INVALID_EMAIL_ERROR, RECOVER_ACCOUNT_TOKEN_INVALID_ERROR */
export async function handleRegisterOptions(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client, "optionsLimitPerClient");
  if (refused) return refused;
  const parsed = await parseBody(request, registerOptionsBody);
  if (!parsed.ok) return parsed.response;
  const rp = relyingPartyOf(ctx, request);
  if ("recoverAccountToken" in parsed.value) return json(await createRecoverRegisterOptions(ctx, rp, parsed.value.recoverAccountToken));
  const error = validateEmail(parsed.value.email);
  if (error) return json({ status: "INVALID_EMAIL_ERROR", err: error });
  const email = normaliseEmail(parsed.value.email);
  const exclude = await ownPasskeysToExclude(ctx, await signedInUserIdOf(ctx, request), email);
  return json(await createRegisterOptions(ctx, rp, { email, exclude }));
}

/**
 * The request's session user, if it carries a session that passes every check a signed-in call
 * makes; null otherwise. The options need none (sign-up has no session), so anything short of
 * a valid session only means no passkeys to exclude, never a refusal.
 */
async function signedInUserIdOf(ctx: EngineContext, request: Request): Promise<string | null> {
  if (readAccessToken(request, ctx.config).token === null) return null;
  const verified = await verifyRequestSession(ctx, request);
  return verified.ok ? verified.session.userId : null;
}

/** POST /webauthn/options/signin → OK + options (no body needed: discoverable credentials) */
export async function handleSignInOptions(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client, "optionsLimitPerClient");
  if (refused) return refused;
  return json(await createSignInOptions(ctx, relyingPartyOf(ctx, request)));
}

/** POST /webauthn/signup → OK + session, EMAIL_ALREADY_EXISTS_ERROR, INVALID_CREDENTIALS_ERROR, OPTIONS_NOT_FOUND_ERROR, INVALID_OPTIONS_ERROR, INVALID_AUTHENTICATOR_ERROR */
export async function handleWebauthnSignUp(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client, "verifyLimitPerClient");
  if (refused) return refused;
  const parsed = await parseBody(request, signUpBody);
  if (!parsed.ok) return parsed.response;
  const { webauthnGeneratedOptionsId, credential } = parsed.value;
  const result = await signUpWithPasskey(
    ctx,
    relyingPartyOf(ctx, request),
    { webauthnGeneratedOptionsId, credential: asRegistration(credential) },
    client,
  );
  return result.status === "OK" ? signedInResponse(ctx, request, result) : json(result);
}

/** POST /webauthn/signin → OK + session, INVALID_CREDENTIALS_ERROR */
export async function handleWebauthnSignIn(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client, "verifyLimitPerClient");
  if (refused) return refused;
  const parsed = await parseBody(request, signInBody);
  if (!parsed.ok) return parsed.response;
  const { webauthnGeneratedOptionsId, credential } = parsed.value;
  const result = await signInWithPasskey(
    ctx,
    relyingPartyOf(ctx, request),
    { webauthnGeneratedOptionsId, credential: asAuthentication(credential) },
    client,
  );
  return result.status === "OK" ? signedInResponse(ctx, request, result) : json(result);
}

/** POST /webauthn/credential (signed in) → OK, REGISTER_CREDENTIAL_NOT_ALLOWED, INVALID_CREDENTIALS_ERROR, OPTIONS_NOT_FOUND_ERROR, INVALID_OPTIONS_ERROR, INVALID_AUTHENTICATOR_ERROR */
export async function handleRegisterCredential(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client, "verifyLimitPerClient");
  if (refused) return refused;
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  const parsed = await parseBody(request, registerCredentialBody);
  if (!parsed.ok) return parsed.response;
  const { userId } = verified.session;
  if (parsed.value.recipeUserId !== userId) {
    return json({ status: "REGISTER_CREDENTIAL_NOT_ALLOWED", reason: "A passkey can only be added to the signed-in user" });
  }
  const { webauthnGeneratedOptionsId, credential, name } = parsed.value;
  return json(
    await registerCredential(ctx, relyingPartyOf(ctx, request), { userId, webauthnGeneratedOptionsId, credential: asRegistration(credential), name }),
  );
}

/** GET /webauthn/credential/list (signed in) → {status:"OK", credentials:[{webauthnCredentialId, relyingPartyId, recipeUserId, createdAt, name, lastUsedAt}]} */
export async function handleListCredentials(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client);
  if (refused) return refused;
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  return json(await listCredentials(ctx, verified.session.userId));
}

/** POST /webauthn/credential/remove {webauthnCredentialId} (signed in) → OK, CREDENTIAL_NOT_FOUND_ERROR */
export async function handleRemoveCredential(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client);
  if (refused) return refused;
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  const parsed = await parseBody(request, credentialIdBody);
  if (!parsed.ok) return parsed.response;
  return json(await removeCredential(ctx, { userId: verified.session.userId, webauthnCredentialId: parsed.value.webauthnCredentialId }));
}

/** POST /webauthn/credential/rename {webauthnCredentialId, name} (Gatehouse's own; signed in) → OK, CREDENTIAL_NOT_FOUND_ERROR, INVALID_NAME_ERROR */
export async function handleRenameCredential(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client);
  if (refused) return refused;
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  const parsed = await parseBody(request, renameBody);
  if (!parsed.ok) return parsed.response;
  return json(await renameCredential(ctx, { userId: verified.session.userId, ...parsed.value }));
}

/** GET /webauthn/email/exists?email= → {status:"OK", exists}: whether a user with passkeys has this address. Limited per client. */
export async function handleWebauthnEmailExists(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused =
    (await guardWebauthn(ctx, request, client)) ?? (await limitClient(ctx, client, "emailExistsPerIp", ctx.config.rateLimits.emailExistsPerIp));
  if (refused) return refused;
  const email = new URL(request.url).searchParams.get("email");
  if (email === null) return badInput("The email query parameter is required");
  if (email.length > 512 || validateEmail(email)) return badInput("The email query parameter is not a valid email");
  const user = await ctx.stores.thirdParty.findUserByEmail(normaliseEmail(email));
  const exists = user !== null && (await ctx.stores.webauthn.listCredentials(user.id)).length > 0;
  return json({ status: "OK", exists });
}

/** POST /user/webauthn/reset/token {email} → OK (whatever the address), INVALID_EMAIL_ERROR; 429 past the per-address limit */
export async function handleRecoverToken(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client, "optionsLimitPerClient");
  if (refused) return refused;
  const parsed = await parseBody(request, recoverTokenBody);
  if (!parsed.ok) return parsed.response;
  const result = await generateRecoverAccountToken(ctx, parsed.value);
  if (result.status === "OK") return json({ status: "OK" });
  return resultResponse(result);
}

/** POST /user/webauthn/reset {token, webauthnGeneratedOptionsId, credential} → OK + user + email, RECOVER_ACCOUNT_TOKEN_INVALID_ERROR, … */
export async function handleRecoverAccount(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const refused = await guardWebauthn(ctx, request, client, "verifyLimitPerClient");
  if (refused) return refused;
  const parsed = await parseBody(request, recoverBody);
  if (!parsed.ok) return parsed.response;
  const { token, webauthnGeneratedOptionsId, credential } = parsed.value;
  return json(await recoverAccount(ctx, relyingPartyOf(ctx, request), { token, webauthnGeneratedOptionsId, credential: asRegistration(credential) }));
}
