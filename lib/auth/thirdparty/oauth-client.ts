/**
 * The OAuth 2.0 / OpenID Connect client side, on openid-client (a certified relying-party
 * library): discovery, authorisation URLs with PKCE, the code exchange with ID-token validation
 * (signature, iss, aud, exp, nonce), user-info, and ID tokens a client hands us directly.
 * Nothing here writes anything; every failure becomes a ProviderError.
 */
import { createRemoteJWKSet, customFetch, decodeJwt, importPKCS8, jwtVerify, SignJWT } from "jose";
import type * as Oidc from "openid-client";
import type { EngineContext } from "../context";
import { cappedFetch } from "./capped-fetch";
import type { RawProfile, ThirdPartyProfile } from "./options";
import { loadOpenIdClient } from "./openid-client-loader";
import { ProviderError, toProviderError } from "./provider-error";
import type { ResolvedProvider } from "./providers";
import { CODE } from "../wire-codes";

/** Discovery results are kept this long by the engine's clock, then fetched again (keys rotate through jwks_uri anyway). */
const DISCOVERY_MAX_AGE_MS = 60 * 60 * 1000;

const configurations = new WeakMap<ResolvedProvider, { at: number; config: Promise<Oidc.Configuration> }>();
/** Each provider's key set, with the `jwks_uri` it was made for. */
const remoteKeySets = new WeakMap<ResolvedProvider, { uri: string; keys: ReturnType<typeof createRemoteJWKSet> }>();

function clientAuthentication(oidc: typeof Oidc, ctx: EngineContext, provider: ResolvedProvider): Oidc.ClientAuth {
  const auth = provider.clientAuth;
  if (auth.method !== "apple_jwt") {
    return auth.method === "client_secret_basic" ? oidc.ClientSecretBasic(auth.secret) : oidc.ClientSecretPost(auth.secret);
  }
  const apple = auth;
  // Sign in with Apple: the client secret is an ES256 JWT (Apple, "Creating a client secret").
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- openid-client types ClientAuth as returning void, but hands it to oauth4webapi, which awaits it before sending the request
  const appleSecret: Oidc.ClientAuth = async (_as, client, body) => {
    const key = await importPKCS8(apple.privateKey, "ES256");
    const now = Math.floor(ctx.now().getTime() / 1000);
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: apple.keyId })
      .setIssuer(apple.teamId)
      .setSubject(client.client_id)
      .setAudience("https://appleid.apple.com")
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(key);
    body.set("client_id", client.client_id);
    body.set("client_secret", jwt);
  };
  return appleSecret as unknown as Oidc.ClientAuth;
}

async function createConfiguration(ctx: EngineContext, provider: ResolvedProvider): Promise<Oidc.Configuration> {
  const oidc = await loadOpenIdClient();
  const timeout = ctx.config.thirdParty.requestTimeoutSeconds;
  // ID-token times are judged by the engine's clock (`now`), not the process clock.
  const metadata: Partial<Oidc.ClientMetadata> = { [oidc.clockSkew]: Math.round((ctx.now().getTime() - Date.now()) / 1000) };
  const auth = clientAuthentication(oidc, ctx, provider);
  if (provider.kind === "oidc") {
    return oidc.discovery(new URL(provider.issuer!), provider.clientId, metadata, auth, {
      timeout,
      // openid-client checks only the claims of the token endpoint's ID token unless told to
      // verify its signature too, trusting TLS (OIDC Core §3.1.3.7 step 6 allows that). We do not
      // (forged ID token: a token endpoint reached over a tampered or plain-http path, a proxy):
      // the signature must be the provider's, from its jwks_uri; an HMAC under the client secret
      // is refused, as on the oAuthTokens path.
      execute: [...(provider.allowInsecureRequests ? [oidc.allowInsecureRequests] : []), oidc.enableNonRepudiationChecks],
      // Kept by the configuration for every later request (token, user-info, JWKS).
      [oidc.customFetch]: cappedFetch,
    });
  }
  const { authorization, token } = provider.endpoints!;
  const server: Oidc.ServerMetadata = { issuer: new URL(authorization).origin, authorization_endpoint: authorization, token_endpoint: token };
  const config = new oidc.Configuration(server, provider.clientId, metadata, auth);
  config.timeout = timeout;
  config[oidc.customFetch] = cappedFetch;
  if (provider.allowInsecureRequests) oidc.allowInsecureRequests(config);
  return config;
}

/**
 * The provider's key set at the `jwks_uri` its discovery names now: a provider that moves its
 * keys to another address is followed once discovery is fetched again, not asked at the old one
 * for as long as the process lives.
 */
function remoteKeySetFor(ctx: EngineContext, provider: ResolvedProvider, jwksUri: string) {
  const kept = remoteKeySets.get(provider);
  if (kept?.uri === jwksUri) return kept.keys;
  // The key set is fetched under the same timeout as every other request to the provider.
  const timeoutDuration = Math.max(1, Math.round(ctx.config.thirdParty.requestTimeoutSeconds * 1000));
  const keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration, [customFetch]: cappedFetch });
  remoteKeySets.set(provider, { uri: jwksUri, keys });
  return keys;
}

/** One configuration per provider and engine, shared by concurrent sign-ins; a failed discovery is not kept. */
async function configurationFor(ctx: EngineContext, provider: ResolvedProvider): Promise<Oidc.Configuration> {
  const cached = configurations.get(provider);
  const now = ctx.now().getTime();
  if (cached && now - cached.at >= 0 && now - cached.at < DISCOVERY_MAX_AGE_MS) return cached.config;
  const config = createConfiguration(ctx, provider);
  configurations.set(provider, { at: now, config });
  config.catch(() => {
    if (configurations.get(provider)?.config === config) configurations.delete(provider);
  });
  return config;
}

export async function buildAuthorisationUrl(
  ctx: EngineContext,
  provider: ResolvedProvider,
  input: { redirectUri: string; pkceCodeVerifier: string; nonce?: string; state?: string },
): Promise<string> {
  try {
    const oidc = await loadOpenIdClient();
    const config = await configurationFor(ctx, provider);
    const params: Record<string, string> = {
      redirect_uri: input.redirectUri,
      response_type: "code",
      scope: provider.scopes.join(" "),
      code_challenge: await oidc.calculatePKCECodeChallenge(input.pkceCodeVerifier),
      code_challenge_method: "S256",
      ...provider.authorizationParams,
    };
    if (input.nonce && provider.kind === "oidc") params.nonce = input.nonce;
    if (input.state) params.state = input.state;
    return oidc.buildAuthorizationUrl(config, params).href;
  } catch (error) {
    throw toProviderError(error, provider.name);
  }
}

export interface CodeGrant {
  /** The redirect URI the code was issued for (no query string: the parameters follow). */
  redirectUri: string;
  /** The query (or form) parameters the provider sent back: code, state, iss, error, … */
  callbackParams: Record<string, string>;
  pkceCodeVerifier: string;
  /** null: the client checked `state` itself (the FDI flow). */
  expectedState: string | null;
  /** Required for OIDC providers. */
  expectedNonce?: string;
}

export interface ProviderSignIn {
  profile: ThirdPartyProfile;
  raw: RawProfile;
}

/** Exchanges the code and reads the profile: the whole provider side of a redirect sign-in. */
export async function signInWithCode(ctx: EngineContext, provider: ResolvedProvider, grant: CodeGrant): Promise<ProviderSignIn> {
  try {
    const oidc = await loadOpenIdClient();
    const config = await configurationFor(ctx, provider);
    const currentUrl = new URL(grant.redirectUri);
    for (const [name, value] of Object.entries(grant.callbackParams)) currentUrl.searchParams.set(name, value);
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: grant.pkceCodeVerifier,
      expectedState: grant.expectedState ?? oidc.skipStateCheck,
      ...(provider.kind === "oidc" ? { expectedNonce: grant.expectedNonce, idTokenExpected: true } : {}),
    });
    const claims = tokens.claims() as Record<string, unknown> | undefined;
    return await readProfile(config, provider, tokens.access_token, claims);
  } catch (error) {
    throw toProviderError(error, provider.name);
  }
}

/**
 * `oAuthTokens` from a client that ran the provider's flow itself (a native SDK). Only an ID
 * token proves which app the sign-in was for (`aud`); a bare access token may have been issued
 * to any app and replayed here (access-token substitution), so it is refused.
 *
 * Even an ID token is not bound to a sign-in started here: its nonce, if any, was not issued by
 * this server, so a token replayed by whoever holds it is indistinguishable from the client's.
 * The path is therefore closed unless the provider opts in (`acceptIdTokenWithoutNonce`).
 */
export async function signInWithTokens(
  ctx: EngineContext,
  provider: ResolvedProvider,
  tokens: { id_token?: string; access_token?: string },
): Promise<ProviderSignIn> {
  try {
    if (!provider.acceptIdTokenWithoutNonce) {
      throw new ProviderError(
        CODE.NONCE_REQUIRED,
        `${provider.name}: sign-in with tokens obtained by the app itself is not enabled (their ID token carries no nonce from this server). Please use the sign-in button.`,
      );
    }
    if (provider.kind !== "oidc" || !tokens.id_token) {
      throw new ProviderError(
        "UNSUPPORTED",
        `${provider.name}: oAuthTokens must include an id_token (an access token alone does not say which app it was issued to).`,
      );
    }
    const config = await configurationFor(ctx, provider);
    const server = config.serverMetadata();
    if (!server.jwks_uri) throw new ProviderError("UNSUPPORTED", `${provider.name} publishes no jwks_uri.`);
    const { payload } = await jwtVerify(tokens.id_token, remoteKeySetFor(ctx, provider, server.jwks_uri), {
      issuer: expectedIssuer(server.issuer, tokens.id_token),
      audience: provider.clientId,
      algorithms: asymmetricAlgorithms(server.id_token_signing_alg_values_supported),
      currentDate: ctx.now(),
      clockTolerance: 30,
      requiredClaims: ["sub", "iat", "exp"],
    });
    // A token for several audiences was issued to the app its `azp` names (OIDC Core §3.1.3.7):
    // another app's token that merely lists this client too is not a sign-in to this app.
    if (Array.isArray(payload.aud) && payload.aud.length !== 1 && payload.azp !== provider.clientId) {
      throw new ProviderError("ID_TOKEN_INVALID", `The identity token from ${provider.name} was issued to another app (azp).`);
    }
    return await readProfile(config, provider, tokens.access_token, payload as Record<string, unknown>);
  } catch (error) {
    throw toProviderError(error, provider.name);
  }
}

/**
 * Entra ID's multi-tenant metadata names the issuer with a `{tenantid}` placeholder, filled from
 * the token's own `tid` (the signature check that follows proves it). A token whose payload is
 * not a JSON object, or carries no `tid` string, leaves the placeholder in: no token's `iss`
 * matches that, so it fails validation (ID_TOKEN_INVALID) rather than throwing here.
 */
export function expectedIssuer(issuer: string, idToken: string): string {
  if (!issuer.includes("{tenantid}")) return issuer;
  let tid: unknown;
  try {
    tid = decodeJwt(idToken).tid;
  } catch {
    return issuer;
  }
  return typeof tid === "string" && tid !== "" ? issuer.replace("{tenantid}", tid) : issuer;
}

/** Never "none" or an HMAC: the client secret is not a key the provider should sign with for us. */
function asymmetricAlgorithms(supported: string[] | undefined): string[] {
  const list = (supported ?? ["RS256"]).filter((alg) => alg !== "none" && !alg.startsWith("HS"));
  return list.length > 0 ? list : ["RS256"];
}

/** What String() makes of a value that is not there. */
const MISSING_VALUE_SPELLINGS = new Set(["undefined", "null", "NaN", "[object Object]"]);

async function readProfile(
  config: Oidc.Configuration,
  provider: ResolvedProvider,
  accessToken: string | undefined,
  idTokenClaims: Record<string, unknown> | undefined,
): Promise<ProviderSignIn> {
  const oidc = await loadOpenIdClient();
  const raw: RawProfile = {};
  if (idTokenClaims) raw.fromIdTokenPayload = idTokenClaims;
  const fetchJson = async (url: string): Promise<unknown> => {
    if (!accessToken) throw new ProviderError("UNSUPPORTED", `${provider.name}: no access token to read ${url}`);
    const response = await oidc.fetchProtectedResource(
      config,
      accessToken,
      new URL(url),
      "GET",
      undefined,
      new Headers({ accept: "application/json", "user-agent": "Gatehouse" }),
    );
    if (!response.ok) throw new ProviderError("PROVIDER_UNREACHABLE", `${provider.name} answered ${response.status} for ${new URL(url).pathname}.`);
    return response.json().catch((error: unknown) => {
      // Not JSON (an HTML page): the parser's message quotes the provider's text, which is for the log only.
      if (error instanceof SyntaxError) {
        throw new ProviderError("PROVIDER_UNREACHABLE", `${provider.name} answered unexpectedly. Please try again later.`, { cause: error });
      }
      throw error;
    });
  };
  if (provider.kind === "oidc") {
    const userInfoEndpoint = config.serverMetadata().userinfo_endpoint;
    if (accessToken && userInfoEndpoint && idTokenClaims?.sub) {
      // fetchUserInfo refuses an answer about another `sub` than the ID token's.
      raw.fromUserInfoAPI = { ...(await oidc.fetchUserInfo(config, accessToken, String(idTokenClaims.sub))) };
    }
  } else {
    const answer = await fetchJson(provider.endpoints!.userInfo);
    raw.fromUserInfoAPI = answer && typeof answer === "object" ? (answer as Record<string, unknown>) : {};
  }
  const profile = await provider.mapProfile(raw, fetchJson);
  // Stored as the account's key: not empty, within the MySQL column (191), no control character
  // (PostgreSQL cannot hold U+0000; an OIDC `sub` is printable ASCII), and Unicode text: a lone
  // UTF-16 surrogate is stored as U+FFFD, so the stored key would never match the id again.
  // Nor a missing value spelled out by String() (`String(me.id)` of a user-info without `id`): that
  // one id would be every such user's, and each would sign in to the first one's account.
  const id = profile?.id;
  if (typeof id !== "string" || id === "" || id.length > 191 || /\p{Cc}/u.test(id) || !id.isWellFormed() || MISSING_VALUE_SPELLINGS.has(id)) {
    throw new ProviderError("PROFILE_INVALID", `${provider.name} returned a profile without a usable account id.`);
  }
  return { profile, raw };
}
