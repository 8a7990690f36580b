/**
 * Third-party sign-in over HTTP. The FDI endpoints exactly as supertokens-web-js 0.16 calls
 * them (GET /authorisationurl, POST /signinup, POST /callback/apple), plus the built-in UI's
 * start: GET /thirdparty/start, which sets the sealed state cookie and redirects to the provider.
 */
import { z } from "zod";
import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import { safeRedirectPath } from "../../auth/safe-redirect";
import { getAuthorisationUrlForClient, startBuiltInSignIn, thirdPartySignInUp, type ThirdPartyGrant } from "../../auth/thirdparty/flow";
import { sameSecret } from "../../auth/thirdparty/flow-secrets";
import { findProvider, type ResolvedProvider } from "../../auth/thirdparty/providers";
import { isSameOrigin } from "../csrf";
import { MAX_BODY_BYTES, parseBody, readLimitedText } from "../parse";
import { badInput, crossOriginRefused, generalError, json } from "../respond";
import { signInResponse } from "../sign-in-response";
import { clearedFlowStateCookie, flowStateCookie, readFlowState, sealFlowState } from "../third-party-state-cookie";
import { MESSAGE } from "../../auth/wire-codes";
import { findTenantProvider } from "../../auth/thirdparty/tenant-providers";
import { requestTenant } from "../tenant";
import type { Tenant } from "../../auth/organizations/tenants";

const providerNotFound = (id: string) => badInput(`The provider ${JSON.stringify(id)} could not be found in the configuration`);

/** The provider as the tenant uses it, or the answer when there is none to use. */
async function tenantProvider(
  ctx: EngineContext,
  tenant: Tenant,
  thirdPartyId: string,
): Promise<{ ok: true; provider: ResolvedProvider } | { ok: false; response: Response }> {
  const found = await findTenantProvider(ctx, tenant, thirdPartyId);
  if (found.status === "OK") return { ok: true, provider: found.provider };
  if (found.status === "UNKNOWN_PROVIDER") return { ok: false, response: providerNotFound(thirdPartyId) };
  // The operator's to mend (logged by findTenantProvider); the user can only try another way in.
  return { ok: false, response: generalError("This sign-in method is not available right now. Please use another one.", found.status) };
}

/**
 * A redirect URI as registered at the provider: absolute, without query or fragment (the
 * provider's answer is appended as the query, and openid-client repeats the URI without it).
 */
function redirectUriOrNull(value: string | null | undefined): string | null {
  if (!value || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.search === "" && url.hash === "" && !value.includes("?") && !value.includes("#") ? url.href : null;
  } catch {
    return null;
  }
}

/** Where the built-in UI asks the provider to send the browser back: `{websiteBasePath}/callback/<id>`, or the API for Apple's form POST. */
export function builtInRedirectUri(ctx: EngineContext, provider: ResolvedProvider): string {
  const { appOrigin, apiBasePath, websiteBasePath } = ctx.config;
  return provider.formPost
    ? `${appOrigin}${apiBasePath}/callback/apple`
    : `${appOrigin}${websiteBasePath}/callback/${encodeURIComponent(provider.id)}`;
}

function redirect(location: string, setCookie?: string): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return new Response(null, { status: 303, headers });
}

/**
 * GET [/<tenantId>]/authorisationurl?thirdPartyId=&redirectURIOnProviderDashboard= → {status:"OK", urlWithQueryParams, pkceCodeVerifier};
 * under a tenant, only its providers, each with the tenant's own client when it has one.
 */
export async function handleAuthorisationUrl(ctx: EngineContext, request: Request, params: Record<string, string>): Promise<Response> {
  const tenant = await requestTenant(ctx, params, "thirdparty");
  if (!tenant.ok) return tenant.response;
  const query = new URL(request.url).searchParams;
  const thirdPartyId = query.get("thirdPartyId");
  if (!thirdPartyId) return badInput("Please provide the thirdPartyId as a GET param");
  const found = await tenantProvider(ctx, tenant.tenant, thirdPartyId);
  if (!found.ok) return found.response;
  const { provider } = found;
  const redirectUri = redirectUriOrNull(query.get("redirectURIOnProviderDashboard"));
  if (!redirectUri) return badInput(MESSAGE.INVALID_REDIRECT_URI);
  const result = await getAuthorisationUrlForClient(ctx, provider, redirectUri);
  if (result.status !== "OK") return generalError(result.message, result.code);
  return json(result);
}

/** GET /thirdparty/start?thirdPartyId=&redirectToPath= → 303 to the provider, with the sealed state cookie. */
export async function handleThirdPartyStart(ctx: EngineContext, request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const thirdPartyId = query.get("thirdPartyId") ?? "";
  const provider = findProvider(ctx.config.thirdParty, thirdPartyId);
  if (!provider) return providerNotFound(thirdPartyId);
  const redirectUri = builtInRedirectUri(ctx, provider);
  const started = await startBuiltInSignIn(ctx, provider, redirectUri);
  if (started.status !== "OK") {
    // Shown by the callback page, which renders provider errors the same way.
    const page = new URL(`${ctx.config.appOrigin}${ctx.config.websiteBasePath}/callback/${encodeURIComponent(provider.id)}`);
    page.searchParams.set("error", "temporarily_unavailable");
    page.searchParams.set("error_description", started.message);
    return redirect(page.href);
  }
  // Sealed already normalised, so the state never holds a target that leaves the site.
  const asked = query.get("redirectToPath");
  const redirectToPath = asked === null ? null : safeRedirectPath(asked);
  const sealed = await sealFlowState(ctx, { thirdPartyId: provider.id, redirectUri, redirectToPath, ...started.secrets });
  return redirect(started.url, flowStateCookie(ctx, sealed));
}

const pkceVerifier = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, "not an RFC 7636 code verifier");
const signInUpSchema = z.object({
  thirdPartyId: z.string().min(1).max(64),
  clientType: z.string().max(128).optional(),
  shouldTryLinkingWithSessionUser: z.boolean().optional(),
  redirectURIInfo: z
    .object({
      redirectURIOnProviderDashboard: z.string().max(2048),
      redirectURIQueryParams: z.record(z.string().max(256), z.string().max(8192)).refine((p) => Object.keys(p).length <= 50, "too many parameters"),
      pkceCodeVerifier: pkceVerifier.optional(),
    })
    .optional(),
  oAuthTokens: z
    .object({ id_token: z.string().max(12_000).optional(), access_token: z.string().max(4096).optional() })
    .passthrough()
    .optional(),
});

type Grant = { ok: true; grant: ThirdPartyGrant; builtIn: boolean } | { ok: false; response: Response };

/**
 * Which flow the request belongs to. A PKCE verifier in the body means the FDI flow (the client
 * checked `state`); none means the built-in UI, which must present this browser's sealed
 * cookie. There is no third way: a code without either would be a code anyone could have
 * injected (login CSRF), so it is refused.
 */
async function grantFor(ctx: EngineContext, request: Request, body: z.infer<typeof signInUpSchema>, provider: ResolvedProvider): Promise<Grant> {
  if (body.oAuthTokens) return { ok: true, grant: { type: "tokens", tokens: body.oAuthTokens }, builtIn: false };
  const info = body.redirectURIInfo!;
  const callbackParams = info.redirectURIQueryParams;
  // Neither a code nor the provider's error: no answer of a provider, so nothing to ask it about.
  if (!callbackParams.code && !callbackParams.error) return { ok: false, response: badInput(MESSAGE.NO_PROVIDER_ANSWER) };
  if (info.pkceCodeVerifier) {
    const redirectUri = redirectUriOrNull(info.redirectURIOnProviderDashboard);
    if (!redirectUri) return { ok: false, response: badInput(MESSAGE.INVALID_REDIRECT_URI) };
    return { ok: true, grant: { type: "client-code", redirectUri, callbackParams, pkceCodeVerifier: info.pkceCodeVerifier }, builtIn: false };
  }
  const refuse = (code: "STATE_MISSING" | "STATE_MISMATCH", message: string): Grant => ({
    ok: false,
    response: withClearedState(ctx, generalError(message, code)),
  });
  const state = await readFlowState(ctx, request.headers.get("cookie"));
  if (!state) return refuse("STATE_MISSING", "This sign-in has expired or was already completed in this browser. Please start again.");
  if (state.thirdPartyId !== provider.id)
    return refuse("STATE_MISMATCH", "This answer is for another provider than the sign-in this browser started. Please start again.");
  if (typeof callbackParams.state !== "string" || !sameSecret(callbackParams.state, state.state)) {
    return refuse("STATE_MISMATCH", "The answer does not belong to the sign-in this browser started (state mismatch). Please start again.");
  }
  return {
    ok: true,
    grant: { type: "built-in-code", redirectUri: state.redirectUri, callbackParams, secrets: state },
    builtIn: true,
  };
}

function withClearedState(ctx: EngineContext, response: Response): Response {
  response.headers.append("Set-Cookie", clearedFlowStateCookie(ctx));
  return response;
}

/**
 * POST [/<tenantId>]/signinup {thirdPartyId, redirectURIInfo | oAuthTokens} → OK + session, NO_EMAIL_GIVEN_BY_PROVIDER,
 * SIGN_IN_UP_NOT_ALLOWED (also the tenant's membership rules), GENERAL_ERROR
 */
export async function handleThirdPartySignInUp(
  ctx: EngineContext,
  request: Request,
  params: Record<string, string>,
  client: ClientInfo,
): Promise<Response> {
  const tenant = await requestTenant(ctx, params, "thirdparty");
  if (!tenant.ok) return tenant.response;
  // Login CSRF: a cross-site page must not sign the victim in with the attacker's code.
  if (!isSameOrigin(ctx, request)) return crossOriginRefused();
  const parsed = await parseBody(request, signInUpSchema);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  if (Boolean(body.redirectURIInfo) === Boolean(body.oAuthTokens))
    return badInput("Please provide exactly one of redirectURIInfo or oAuthTokens in the request body");
  const found = await tenantProvider(ctx, tenant.tenant, body.thirdPartyId);
  if (!found.ok) return found.response;
  const { provider } = found;
  const grant = await grantFor(ctx, request, body, provider);
  if (!grant.ok) return grant.response;
  const result = await thirdPartySignInUp(ctx, { provider, grant: grant.grant, client, tenant: tenant.tenant });
  const response = signInResponse(ctx, request, result);
  // The state is single-use: whatever happened, this browser's sign-in attempt is over.
  return grant.builtIn ? withClearedState(ctx, response) : response;
}

/**
 * POST /callback/apple: Apple answers with a cross-site form POST (response_mode=form_post).
 * Its fields are passed on, as a query, to the page that finishes the sign-in: the one named in
 * supertokens-web-js's `state` if it is one of this app's origins (never anywhere else: that
 * would be an open redirect carrying the code), else the built-in callback page.
 */
export async function handleAppleCallback(ctx: EngineContext, request: Request): Promise<Response> {
  const text = await readLimitedText(request, MAX_BODY_BYTES).catch(() => null);
  if (text === null) return badInput(`The request body exceeds ${MAX_BODY_BYTES} bytes`, 413);
  const fields = new URLSearchParams(text);
  const { appOrigin, trustedOrigins, websiteBasePath } = ctx.config;
  let target = new URL(`${appOrigin}${websiteBasePath}/callback/apple`);
  try {
    const fromState = JSON.parse(Buffer.from(fields.get("state") ?? "", "base64").toString("utf8")).frontendRedirectURI;
    const candidate = typeof fromState === "string" ? new URL(fromState) : null;
    if (candidate && (candidate.origin === appOrigin || trustedOrigins.includes(candidate.origin))) target = candidate;
  } catch {
    // Not supertokens-web-js's state (the built-in UI's is opaque): the built-in page.
  }
  for (const [name, value] of fields) target.searchParams.set(name, value);
  return redirect(target.href);
}
