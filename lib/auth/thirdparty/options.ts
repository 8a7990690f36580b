/**
 * The deployer's third-party sign-in options (`thirdParty` in lib/config). Every built-in
 * provider is enabled as soon as its client id and secret are set, and disabled while either is
 * missing, so `clientId: process.env.X` is safe to leave in the config.
 */

/** What Gatehouse keeps of a provider's account: the identity and, when given, the email. */
export interface ThirdPartyProfile {
  /** The account's id at the provider (OIDC `sub`). Accounts are keyed by it, never by email. */
  id: string;
  email?: string;
  /** True only when the provider vouches that the account owner controls `email`. */
  emailVerified: boolean;
  name?: string;
  picture?: string;
}

/** Settings shared by every OAuth client: the credentials you get from the provider's console. */
export interface OAuthClientSettings {
  /** The OAuth client id. The provider is disabled while this is empty. */
  clientId?: string;
  /** The OAuth client secret. The provider is disabled while this is empty. */
  clientSecret?: string;
  /** Scopes to ask for. @default the provider's preset (enough for id, email and name) */
  scopes?: string[];
  /** The button label's provider name. @default the provider's own name, e.g. "Google" */
  name?: string;
  /**
   * Extra parameters for the authorisation URL.
   * @default {}
   * @example authorizationParams: { prompt: "select_account" }
   */
  authorizationParams?: Record<string, string>; /**
   * Whether POST /signinup may accept `oAuthTokens`: an ID token the client obtained from the
   * provider itself (a native SDK, Google One Tap). Such a token carries no nonce issued by this
   * server, so nothing ties it to a sign-in started here: anyone who gets hold of a user's ID
   * token for this client id (a log, a proxy, another backend it was sent to) can replay it to
   * sign in as that user until it expires. Turn on only for providers whose tokens reach you
   * from your own apps alone. OIDC providers only; the redirect flow (with its server-derived
   * nonce and PKCE) is unaffected. When off, such sign-ins get GENERAL_ERROR, code "NONCE_REQUIRED".
   * @default false
   */
  acceptIdTokenWithoutNonce?: boolean;
}

/** Sign in with Apple: the client secret is a short-lived JWT signed with your key. */
export interface AppleSettings extends Omit<OAuthClientSettings, "clientSecret"> {
  /** The Services ID (e.g. "com.example.web"). */
  clientId?: string;
  /** Your Apple Developer Team ID. */
  teamId?: string;
  /** The id of the Sign in with Apple key. */
  keyId?: string;
  /** The key's PKCS#8 PEM (the .p8 file's content). Apple is disabled while any of the four is empty. */
  privateKey?: string;
}

export interface MicrosoftSettings extends OAuthClientSettings {
  /**
   * The Entra ID tenant: a directory id, a domain, or "common" / "organizations" / "consumers".
   * @default "common"
   */
  tenant?: string;
}

export interface GitLabSettings extends OAuthClientSettings {
  /** A self-managed GitLab's URL. @default "https://gitlab.com" */
  baseUrl?: string;
}

/** The built-in providers. Each is enabled when its credentials are set. */
export interface BuiltInProviders {
  google?: OAuthClientSettings;
  github?: OAuthClientSettings;
  apple?: AppleSettings;
  facebook?: OAuthClientSettings;
  microsoft?: MicrosoftSettings;
  discord?: OAuthClientSettings;
  gitlab?: GitLabSettings;
  linkedin?: OAuthClientSettings;
  twitter?: OAuthClientSettings;
  bitbucket?: OAuthClientSettings;
}

/** What a profile-mapping function receives. */
export interface RawProfile {
  /** The validated ID token's claims (OIDC providers). */
  fromIdTokenPayload?: Record<string, unknown>;
  /** The user-info endpoint's answer, when there is one. */
  fromUserInfoAPI?: Record<string, unknown>;
}

/** Reads more of the user's data with the access token (e.g. a separate email endpoint). */
export type FetchWithAccessToken = (url: string) => Promise<unknown>;

export type ProfileMapper = (raw: RawProfile, fetchJson: FetchWithAccessToken) => ThirdPartyProfile | Promise<ThirdPartyProfile>;

interface CustomProviderBase {
  /** The provider's id: in the callback URL (/auth/callback/<id>) and in the database. Letters, digits, "-", "_"; unique among all providers ignoring case. */
  id: string;
  /** The button label's provider name. */
  name: string;
  clientId?: string;
  clientSecret?: string;
  /** How the client authenticates at the token endpoint. @default "client_secret_post" */
  tokenEndpointAuthMethod?: "client_secret_post" | "client_secret_basic";
  authorizationParams?: Record<string, string>;
}

/** Any OpenID Connect provider, from its issuer URL (discovery, JWKS, ID-token validation). */
export interface CustomOidcProvider extends CustomProviderBase {
  type: "oidc";
  /** The issuer URL; `<issuer>/.well-known/openid-configuration` must answer. https, or http on loopback only. */
  issuer: string;
  /** @default ["openid", "email", "profile"] */
  scopes?: string[];
  /** @default the standard claims: sub, email, email_verified, name, picture */
  mapProfile?: ProfileMapper; /**
   * Whether POST /signinup may accept `oAuthTokens`: an ID token the client obtained from the
   * provider itself (a native SDK, Google One Tap). Such a token carries no nonce issued by this
   * server, so nothing ties it to a sign-in started here: anyone who gets hold of a user's ID
   * token for this client id (a log, a proxy, another backend it was sent to) can replay it to
   * sign in as that user until it expires. Turn on only for providers whose tokens reach you
   * from your own apps alone. OIDC providers only; the redirect flow (with its server-derived
   * nonce and PKCE) is unaffected. When off, such sign-ins get GENERAL_ERROR, code "NONCE_REQUIRED".
   * @default false
   */
  acceptIdTokenWithoutNonce?: boolean;
}

/** A plain OAuth 2.0 provider from explicit endpoints and a profile-mapping function. */
export interface CustomOAuth2Provider extends CustomProviderBase {
  type: "oauth2";
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Read with the access token; its JSON is `raw.fromUserInfoAPI` in `mapProfile`. */
  userInfoEndpoint: string;
  /** @default [] */
  scopes?: string[];
  /** Must return the account's stable id; say `emailVerified: true` only if the provider guarantees it. */
  mapProfile: ProfileMapper;
}

export type CustomProvider = CustomOidcProvider | CustomOAuth2Provider;

/**
 * When a provider's email belongs to an existing user who signed up another way:
 * - `"verified-only"`: the provider account is added to that user only when the provider
 *   vouches for the email AND the existing user has verified it; otherwise the sign-in is
 *   refused with SIGN_IN_UP_NOT_ALLOWED.
 * - `"off"`: never linked; such sign-ins are always refused.
 */
export type AccountLinkingPolicy = "off" | "verified-only";

export interface ThirdPartyOptions {
  /** The built-in providers, each enabled when its credentials are set. @default {} */
  providers?: BuiltInProviders;
  /** Your own OIDC or OAuth 2.0 providers. @default [] */
  customProviders?: CustomProvider[];
  /** See {@link AccountLinkingPolicy}. @default "verified-only" */
  accountLinking?: AccountLinkingPolicy;
  /** How long a started sign-in may take before its state cookie expires, in seconds. @default 600 */
  stateTtlSeconds?: number;
  /** Timeout of each request to a provider, in seconds. @default 10 */
  requestTimeoutSeconds?: number;
}
