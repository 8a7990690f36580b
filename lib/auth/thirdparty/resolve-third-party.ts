/**
 * Turns `thirdParty` from lib/config into resolved providers, once, at start-up: the built-in
 * preset table, the enabled-when-configured rule, and every check that can fail early
 * (ids, URLs, duplicate ids).
 */
import { isLoopbackHostname } from "../loopback";
import { GatehouseError } from "../errors";
import { MAX_LIFETIME_SECONDS } from "../storable-time";
import type { BuiltInProviders, CustomProvider, OAuthClientSettings, ThirdPartyOptions } from "./options";
import {
  mapBitbucketProfile,
  mapDiscordProfile,
  mapFacebookProfile,
  mapGitHubProfile,
  mapMicrosoftProfile,
  mapOidcClaims,
  mapTwitterProfile,
} from "./profiles";
import type { ClientAuthentication, ResolvedProvider, ResolvedThirdPartyConfig } from "./providers";

const OIDC_SCOPES = ["openid", "email", "profile"];
/** The longest delay a Node timer holds (2^31 - 1 ms), in whole seconds. */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const FACEBOOK_GRAPH = "https://graph.facebook.com/v21.0";

type Preset = Omit<
  ResolvedProvider,
  "clientId" | "clientAuth" | "scopes" | "authorizationParams" | "allowInsecureRequests" | "name" | "acceptIdTokenWithoutNonce"
> & {
  name: string;
  scopes: string[];
  tokenAuth?: "client_secret_post" | "client_secret_basic";
};

/** The built-in providers, as the provider documents them. Only ids and endpoints live here. */
function presetFor(id: keyof BuiltInProviders, settings: NonNullable<BuiltInProviders[keyof BuiltInProviders]>): Preset {
  const oauth2 = (authorization: string, token: string, userInfo: string) => ({
    kind: "oauth2" as const,
    endpoints: { authorization, token, userInfo },
  });
  switch (id) {
    case "google":
      return {
        id,
        name: "Google",
        kind: "oidc",
        issuer: "https://accounts.google.com",
        scopes: OIDC_SCOPES,
        formPost: false,
        mapProfile: mapOidcClaims,
      };
    case "github":
      return {
        id,
        name: "GitHub",
        scopes: ["read:user", "user:email"],
        formPost: false,
        mapProfile: mapGitHubProfile,
        ...oauth2("https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token", "https://api.github.com/user"),
      };
    case "apple":
      return {
        id,
        name: "Apple",
        kind: "oidc",
        issuer: "https://appleid.apple.com",
        scopes: ["openid", "email", "name"],
        formPost: true,
        mapProfile: mapOidcClaims,
      };
    case "facebook":
      return {
        id,
        name: "Facebook",
        scopes: ["email", "public_profile"],
        formPost: false,
        mapProfile: mapFacebookProfile,
        ...oauth2(
          "https://www.facebook.com/v21.0/dialog/oauth",
          `${FACEBOOK_GRAPH}/oauth/access_token`,
          `${FACEBOOK_GRAPH}/me?fields=id,name,email,picture`,
        ),
      };
    case "microsoft": {
      const tenant = encodeURIComponent((settings as { tenant?: string }).tenant || "common");
      return {
        id,
        name: "Microsoft",
        kind: "oidc",
        issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
        scopes: OIDC_SCOPES,
        formPost: false,
        mapProfile: mapMicrosoftProfile,
      };
    }
    case "discord":
      return {
        id,
        name: "Discord",
        scopes: ["identify", "email"],
        formPost: false,
        mapProfile: mapDiscordProfile,
        ...oauth2("https://discord.com/oauth2/authorize", "https://discord.com/api/oauth2/token", "https://discord.com/api/users/@me"),
      };
    case "gitlab": {
      const base = ((settings as { baseUrl?: string }).baseUrl || "https://gitlab.com").replace(/\/+$/, "");
      return { id, name: "GitLab", kind: "oidc", issuer: base, scopes: OIDC_SCOPES, formPost: false, mapProfile: mapOidcClaims };
    }
    case "linkedin":
      return {
        id,
        name: "LinkedIn",
        kind: "oidc",
        issuer: "https://www.linkedin.com/oauth",
        scopes: OIDC_SCOPES,
        formPost: false,
        mapProfile: mapOidcClaims,
      };
    case "twitter":
      return {
        id,
        name: "X",
        scopes: ["users.read", "tweet.read", "users.email"],
        formPost: false,
        mapProfile: mapTwitterProfile,
        tokenAuth: "client_secret_basic",
        ...oauth2(
          "https://x.com/i/oauth2/authorize",
          "https://api.x.com/2/oauth2/token",
          "https://api.x.com/2/users/me?user.fields=profile_image_url,confirmed_email",
        ),
      };
    case "bitbucket":
      return {
        id,
        name: "Bitbucket",
        scopes: ["account", "email"],
        formPost: false,
        mapProfile: mapBitbucketProfile,
        tokenAuth: "client_secret_basic",
        ...oauth2(
          "https://bitbucket.org/site/oauth2/authorize",
          "https://bitbucket.org/site/oauth2/access_token",
          "https://api.bitbucket.org/2.0/user",
        ),
      };
    default:
      throw new GatehouseError("CONFIG_INVALID", `thirdParty.providers: unknown built-in provider "${String(id)}"`);
  }
}

const filled = (value: string | undefined): value is string => typeof value === "string" && value.trim() !== "";

function builtInProvider(id: keyof BuiltInProviders, settings: NonNullable<BuiltInProviders[keyof BuiltInProviders]>): ResolvedProvider | null {
  const preset = presetFor(id, settings);
  let clientAuth: ClientAuthentication;
  if (id === "apple") {
    const { teamId, keyId, privateKey } = settings as { teamId?: string; keyId?: string; privateKey?: string };
    if (!filled(settings.clientId) || !filled(teamId) || !filled(keyId) || !filled(privateKey)) return null;
    clientAuth = { method: "apple_jwt", teamId, keyId, privateKey };
  } else {
    const secret = (settings as OAuthClientSettings).clientSecret;
    if (!filled(settings.clientId) || !filled(secret)) return null;
    clientAuth = { method: preset.tokenAuth ?? "client_secret_post", secret };
  }
  const { tokenAuth: _tokenAuth, ...rest } = preset;
  return {
    ...rest,
    name: settings.name ?? preset.name,
    clientId: settings.clientId,
    clientAuth,
    scopes: settings.scopes ?? preset.scopes,
    authorizationParams: { ...(preset.formPost ? { response_mode: "form_post" } : {}), ...settings.authorizationParams },
    // A self-managed GitLab is the one built-in whose URL is the deployer's.
    allowInsecureRequests: id === "gitlab" ? isLoopbackHttp(checkedUrl("thirdParty.providers.gitlab.baseUrl", preset.issuer!)) : false,
    acceptIdTokenWithoutNonce: settings.acceptIdTokenWithoutNonce === true,
  };
}

function isLoopbackHttp(raw: string): boolean {
  const url = new URL(raw);
  return url.protocol === "http:" && isLoopbackHostname(url.hostname);
}

/** https anywhere; http only on loopback, where there is no network to trust. */
function checkedUrl(where: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GatehouseError("CONFIG_INVALID", `${where} is not a URL: "${raw}"`);
  }
  if (url.protocol !== "https:" && !isLoopbackHttp(raw)) {
    throw new GatehouseError("CONFIG_INVALID", `${where} must be https (plain http only on localhost): "${raw}"`);
  }
  return raw;
}

function customProvider(p: CustomProvider): ResolvedProvider | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(p.id ?? "")) {
    throw new GatehouseError("CONFIG_INVALID", `thirdParty.customProviders: id must be 1-64 letters, digits, "-" or "_", got "${p.id}"`);
  }
  const where = `thirdParty.customProviders["${p.id}"]`;
  if (!filled(p.clientId) || !filled(p.clientSecret)) return null;
  const common = {
    id: p.id,
    name: p.name || p.id,
    clientId: p.clientId,
    clientAuth: { method: p.tokenEndpointAuthMethod ?? "client_secret_post", secret: p.clientSecret } as const,
    authorizationParams: { ...p.authorizationParams },
    formPost: false,
    acceptIdTokenWithoutNonce: p.type === "oidc" && p.acceptIdTokenWithoutNonce === true,
  };
  if (p.type === "oidc") {
    const issuer = checkedUrl(`${where}.issuer`, p.issuer);
    return {
      ...common,
      kind: "oidc",
      issuer,
      scopes: p.scopes ?? OIDC_SCOPES,
      mapProfile: p.mapProfile ?? mapOidcClaims,
      allowInsecureRequests: isLoopbackHttp(issuer),
    };
  }
  if (p.type === "oauth2") {
    if (typeof p.mapProfile !== "function") throw new GatehouseError("CONFIG_INVALID", `${where}.mapProfile is required for an OAuth 2.0 provider`);
    const endpoints = {
      authorization: checkedUrl(`${where}.authorizationEndpoint`, p.authorizationEndpoint),
      token: checkedUrl(`${where}.tokenEndpoint`, p.tokenEndpoint),
      userInfo: checkedUrl(`${where}.userInfoEndpoint`, p.userInfoEndpoint),
    };
    const insecure = Object.values(endpoints).some(isLoopbackHttp);
    return { ...common, kind: "oauth2", endpoints, scopes: p.scopes ?? [], mapProfile: p.mapProfile, allowInsecureRequests: insecure };
  }
  throw new GatehouseError("CONFIG_INVALID", `${where}.type must be "oidc" or "oauth2"`);
}

export function resolveThirdPartyConfig(options: ThirdPartyOptions = {}): ResolvedThirdPartyConfig {
  const builtIns = Object.entries(options.providers ?? {}).filter(([, settings]) => settings !== undefined);
  const providers = [
    ...builtIns.map(([id, settings]) => builtInProvider(id as keyof BuiltInProviders, settings!)),
    ...(options.customProviders ?? []).map(customProvider),
  ].filter((p): p is ResolvedProvider => p !== null);
  // Compared ignoring case: MySQL's third_party_id column does, so "github" and a custom
  // "GitHub" would share one unique index, and a user of the one whose account id is taken at the
  // other could never sign in (each attempt a 503).
  const seen = new Set<string>();
  for (const provider of providers) {
    const key = provider.id.toLowerCase();
    if (seen.has(key))
      throw new GatehouseError("CONFIG_INVALID", `thirdParty: two providers have the id "${provider.id}" (ids are compared ignoring case)`);
    seen.add(key);
  }
  const accountLinking = options.accountLinking ?? "verified-only";
  if (accountLinking !== "off" && accountLinking !== "verified-only") {
    throw new GatehouseError("CONFIG_INVALID", `thirdParty.accountLinking must be "off" or "verified-only", got "${String(accountLinking)}"`);
  }
  const stateTtlSeconds = options.stateTtlSeconds ?? 600;
  const requestTimeoutSeconds = options.requestTimeoutSeconds ?? 10;
  // The upper bounds are what the runtime holds: Node cuts a timer past 2^31 - 1 ms (openid-client
  // times each request with one) to 1 ms, aborting every request at once; a state lifetime past a
  // Date's range made an invalid expiry that no sign-in came back within.
  for (const [name, value, max] of [
    ["stateTtlSeconds", stateTtlSeconds, MAX_LIFETIME_SECONDS],
    ["requestTimeoutSeconds", requestTimeoutSeconds, MAX_TIMER_SECONDS],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0 || value > max) {
      throw new GatehouseError("CONFIG_INVALID", `thirdParty.${name} must be a positive number of seconds, at most ${max}, got ${value}`);
    }
  }
  return { providers, accountLinking, stateTtlSeconds, requestTimeoutSeconds };
}
