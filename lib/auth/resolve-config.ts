import type { ConfigEnv, GatehouseConfig, PasswordPolicy, ResolvedConfig } from "./config";
import { GatehouseError } from "./errors";
import { resolveEmailConfig } from "./resolve-email-config";
import { resolveAuditLogOptions } from "./config-audit";
import { resolveThirdPartyConfig } from "./thirdparty/resolve-third-party";
import { checkedSignUpFields } from "./emailpassword/sign-up-fields";
import { isValidRoleName } from "./userroles/roles";
import {
  checkAccountLimitsAgree,
  resolveFailureBudget,
  resolveMemoryMaxKeys,
  resolveRateLimit,
  resolveRateLimitStore,
  resolveSignInFailureDelay,
} from "./config-limits";
import { resolveTrustedProxy } from "./config-proxy";
import { resolveUiOptions } from "./resolve-ui-config";
import { resolvePasswordlessConfig } from "./config-passwordless";
import { resolveMfaConfig } from "./config-mfa";
import { resolveWebauthnConfig } from "./config-webauthn";
import { checkedLifetime, MAX_LIFETIME_SECONDS } from "./storable-time";
import { defaultAppOrigin, normaliseOrigin, resolveTrustedOrigins } from "./resolve-origins";
import { checkCookieDomainMatchesOrigin, checkCookiePrefixRules, checkedCookieDomain, cookieName, prefixedCookieName } from "./config-cookies";
import { checkBasePathsApart, DEFAULT_API_BASE_PATH, DEFAULT_WEBSITE_BASE_PATH, normaliseBasePath } from "./base-paths";

const DAY = 24 * 60 * 60;

const emptyPayload = () => ({});

/** Parses a TTL from the environment: a whole number of seconds, at least 1, at most 100 years. */
function ttlFromEnv(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIFETIME_SECONDS) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `${name} must be a whole number of seconds from 1 to ${MAX_LIFETIME_SECONDS} (100 years), got "${raw}"`,
    );
  }
  return value;
}

function checkedRoles(roles: Record<string, string[]>): Record<string, string[]> {
  for (const [role, permissions] of Object.entries(roles)) {
    for (const name of [role, ...permissions]) {
      if (!isValidRoleName(name)) throw new GatehouseError("CONFIG_INVALID", `userRoles.roles: invalid role or permission name "${name}"`);
    }
  }
  return roles;
}

/**
 * No length is "< NaN": a NaN minLength turned the length rule off, a NaN or infinite maxLength
 * let a password of any size reach the hash, and a maxLength under minLength refused them all.
 */
function checkedPasswordPolicy(policy: Required<PasswordPolicy>): Required<PasswordPolicy> {
  const { minLength, maxLength } = policy;
  if (!Number.isInteger(minLength) || minLength < 1) {
    throw new GatehouseError("CONFIG_INVALID", `emailPassword.passwordPolicy.minLength must be a whole number ≥ 1, got ${minLength}`);
  }
  if (!Number.isInteger(maxLength) || maxLength < minLength) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `emailPassword.passwordPolicy.maxLength must be a whole number ≥ minLength (${minLength}), got ${maxLength}`,
    );
  }
  return policy;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new GatehouseError("CONFIG_INVALID", `${name} must be a positive number, got ${value}`);
  }
  return value;
}

/** A lifetime in seconds: positive, and short enough that every expiry made from it is storable. */
const lifetime = (name: string, value: number): number => checkedLifetime(name, positive(name, value));

/**
 * Fills every default and checks every value once, at start-up, so that the engine never
 * meets an undefined option. Environment variables win over `lib/config` for the TTLs and the
 * origin, because deployments tune those without a rebuild.
 */
export function resolveConfig(config: GatehouseConfig, env: ConfigEnv = {}): ResolvedConfig {
  const s = config.session ?? {};
  const development = env.NODE_ENV === "development";
  const appOrigin = normaliseOrigin(env.GATEHOUSE_APP_ORIGIN || config.appOrigin || defaultAppOrigin(development, env.PORT));
  const policy = config.emailPassword?.passwordPolicy ?? {};
  const cookieSecure = s.cookieSecure ?? appOrigin.startsWith("https:");
  const cookiePrefixes = s.cookiePrefixes ?? (cookieSecure && appOrigin.startsWith("https:") && !s.cookieDomain);
  if (cookiePrefixes && !cookieSecure) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      "session.cookiePrefixes needs secure cookies (an https origin): browsers drop __Host- and __Secure- cookies without Secure",
    );
  }
  const resolved: ResolvedConfig = {
    appName: config.appName ?? "Gatehouse",
    apiBasePath: normaliseBasePath("apiBasePath", config.apiBasePath ?? DEFAULT_API_BASE_PATH),
    websiteBasePath: normaliseBasePath("websiteBasePath", config.websiteBasePath ?? DEFAULT_WEBSITE_BASE_PATH),
    ui: resolveUiOptions(config.ui),
    appOrigin,
    trustedOrigins: resolveTrustedOrigins(config.trustedOrigins),
    development,
    trustedProxy: resolveTrustedProxy(config.trustedProxy, env),
    session: {
      accessTokenTtlSeconds: lifetime(
        "accessTokenTtlSeconds",
        ttlFromEnv("GATEHOUSE_ACCESS_TOKEN_TTL", env.GATEHOUSE_ACCESS_TOKEN_TTL) ?? s.accessTokenTtlSeconds ?? 3600,
      ),
      refreshTokenTtlSeconds: lifetime(
        "refreshTokenTtlSeconds",
        ttlFromEnv("GATEHOUSE_REFRESH_TOKEN_TTL", env.GATEHOUSE_REFRESH_TOKEN_TTL) ?? s.refreshTokenTtlSeconds ?? 100 * DAY,
      ),
      absoluteSessionTtlSeconds: lifetime("absoluteSessionTtlSeconds", s.absoluteSessionTtlSeconds ?? 365 * DAY),
      refreshGraceSeconds: s.refreshGraceSeconds ?? 10,
      signingAlgorithm: s.signingAlgorithm ?? "RS256",
      keyRotationIntervalSeconds: lifetime("keyRotationIntervalSeconds", s.keyRotationIntervalSeconds ?? 7 * DAY),
      antiCsrf: s.antiCsrf ?? "VIA_CUSTOM_HEADER",
      cookieSameSite: s.cookieSameSite ?? "lax",
      cookieSecure,
      cookieDomain: checkedCookieDomain("cookieDomain", s.cookieDomain),
      olderCookieDomain: checkedCookieDomain("olderCookieDomain", s.olderCookieDomain),
      cookiePrefixes,
      accessTokenCookieName: prefixedCookieName(
        cookiePrefixes && !s.cookieDomain ? "__Host-" : cookiePrefixes ? "__Secure-" : "",
        cookieName("accessTokenCookieName", s.accessTokenCookieName ?? "sAccessToken"),
      ),
      // Path-scoped to the refresh endpoint, so never __Host- (which requires Path=/).
      refreshTokenCookieName: prefixedCookieName(
        cookiePrefixes ? "__Secure-" : "",
        cookieName("refreshTokenCookieName", s.refreshTokenCookieName ?? "sRefreshToken"),
      ),
      // For header transfer and verification; a token issued in a cookie is held to what the
      // cookie holds as well (lib/http/session-transport.ts accessTokenCookieBytes).
      maxAccessTokenBytes: s.maxAccessTokenBytes ?? 8192,
      accessTokenAudience: s.accessTokenAudience ?? appOrigin,
      revocationSyncIntervalMs: positive("revocationSyncIntervalMs", s.revocationSyncIntervalMs ?? 1000),
    },
    emailPassword: {
      passwordPolicy: checkedPasswordPolicy({
        minLength: policy.minLength ?? 8,
        maxLength: policy.maxLength ?? 256,
        requireLetter: policy.requireLetter ?? true,
        requireDigit: policy.requireDigit ?? true,
        rejectCommonPasswords: policy.rejectCommonPasswords ?? true,
      }),
      signUpFields: checkedSignUpFields(config.emailPassword?.signUpFields ?? []),
      validators: config.emailPassword?.validators ?? {},
      emailExistsEndpoint: config.emailPassword?.emailExistsEndpoint ?? true,
    },
    hooks: config.onSessionError ?? {},
    userRoles: {
      addRolesToSession: config.userRoles?.addRolesToSession ?? true,
      addPermissionsToSession: config.userRoles?.addPermissionsToSession ?? true,
      roles: checkedRoles(config.userRoles?.roles ?? {}),
    },
    ...resolveEmailConfig(config, { appName: config.appName ?? "Gatehouse", appOrigin }),
    rateLimits: {
      enabled: config.rateLimits?.enabled ?? true,
      store: resolveRateLimitStore(config.rateLimits?.store),
      memoryMaxKeys: resolveMemoryMaxKeys(config.rateLimits?.memoryMaxKeys),
      signInFailureDelay: resolveSignInFailureDelay(config.rateLimits?.signInFailureDelay),
      signInFailuresPerAccount: resolveRateLimit(
        "signInFailuresPerAccount",
        config.rateLimits?.signInFailuresPerAccount ?? { points: 10, durationSeconds: 900 },
      ),
      signInFailuresPerAccountAllClients: resolveRateLimit(
        "signInFailuresPerAccountAllClients",
        config.rateLimits?.signInFailuresPerAccountAllClients ?? { points: 100, durationSeconds: 900 },
      ),
      signInFailuresPerClient: resolveFailureBudget("signInFailuresPerClient", config.rateLimits?.signInFailuresPerClient),
      signInFailuresGlobal: resolveFailureBudget("signInFailuresGlobal", config.rateLimits?.signInFailuresGlobal),
      adminAuthFailuresPerClient: resolveFailureBudget("adminAuthFailuresPerClient", config.rateLimits?.adminAuthFailuresPerClient),
      signInPerIp: resolveRateLimit("signInPerIp", config.rateLimits?.signInPerIp ?? { points: 60, durationSeconds: 60 }),
      signUpPerIp: resolveRateLimit("signUpPerIp", config.rateLimits?.signUpPerIp ?? { points: 20, durationSeconds: 3600 }),
      signUpGlobal:
        config.rateLimits?.signUpGlobal === false
          ? false
          : resolveRateLimit("signUpGlobal", config.rateLimits?.signUpGlobal ?? { points: 1000, durationSeconds: 3600 }),
      emailExistsPerIp: resolveRateLimit("emailExistsPerIp", config.rateLimits?.emailExistsPerIp ?? { points: 30, durationSeconds: 60 }),
      refreshPerIp: resolveRateLimit("refreshPerIp", config.rateLimits?.refreshPerIp ?? { points: 300, durationSeconds: 60 }),
    },
    auditLog: resolveAuditLogOptions(config.auditLog, (message) => new GatehouseError("CONFIG_INVALID", message)),
    thirdParty: resolveThirdPartyConfig(config.thirdParty),
    passwordless: resolvePasswordlessConfig(config.passwordless, (message) => new GatehouseError("CONFIG_INVALID", message)),
    mfa: resolveMfaConfig(config.mfa, config.appName ?? "Gatehouse", (message) => new GatehouseError("CONFIG_INVALID", message)),
    webauthn: resolveWebauthnConfig(
      config.webauthn,
      { appName: config.appName ?? "Gatehouse", appOrigin },
      (message) => new GatehouseError("CONFIG_INVALID", message),
    ),
    setJwtPayload: config.setJwtPayload ?? emptyPayload,
    setSessionData: config.setSessionData ?? emptyPayload,
  };
  checkBasePathsApart(resolved.apiBasePath, resolved.websiteBasePath);
  checkAccountLimitsAgree(resolved.rateLimits);
  if (resolved.session.accessTokenCookieName === resolved.session.refreshTokenCookieName) {
    throw new GatehouseError("CONFIG_INVALID", "accessTokenCookieName and refreshTokenCookieName must differ");
  }
  if (resolved.session.olderCookieDomain !== undefined && resolved.session.olderCookieDomain === (resolved.session.cookieDomain ?? "")) {
    throw new GatehouseError("CONFIG_INVALID", "olderCookieDomain must differ from cookieDomain");
  }
  const { refreshGraceSeconds, maxAccessTokenBytes } = resolved.session;
  if (!Number.isFinite(refreshGraceSeconds) || refreshGraceSeconds < 0) {
    throw new GatehouseError("CONFIG_INVALID", `refreshGraceSeconds must be a finite number ≥ 0, got ${refreshGraceSeconds}`);
  }
  if (!Number.isInteger(maxAccessTokenBytes) || maxAccessTokenBytes < 1) {
    throw new GatehouseError("CONFIG_INVALID", `maxAccessTokenBytes must be a whole number ≥ 1, got ${maxAccessTokenBytes}`);
  }
  if (!["RS256", "EdDSA"].includes(resolved.session.signingAlgorithm)) {
    throw new GatehouseError("CONFIG_INVALID", `signingAlgorithm must be "RS256" or "EdDSA"`);
  }
  // An unknown mode is neither "NONE" nor a known check: the refresh endpoint, which checks only
  // for the two known modes, lost its Origin check. An unknown SameSite (e.g. "None") slipped past
  // the "none needs Secure" rule below and went into Set-Cookie as it was.
  if (!["VIA_CUSTOM_HEADER", "VIA_TOKEN", "NONE"].includes(resolved.session.antiCsrf)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `session.antiCsrf must be "VIA_CUSTOM_HEADER", "VIA_TOKEN" or "NONE", got ${JSON.stringify(resolved.session.antiCsrf)}`,
    );
  }
  if (!["lax", "strict", "none"].includes(resolved.session.cookieSameSite)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `session.cookieSameSite must be "lax", "strict" or "none", got ${JSON.stringify(resolved.session.cookieSameSite)}`,
    );
  }
  checkCookiePrefixRules(resolved.session);
  checkCookieDomainMatchesOrigin(resolved.session.cookieDomain, resolved.appOrigin);
  if (resolved.session.cookieSameSite === "none" && !resolved.session.cookieSecure) {
    throw new GatehouseError("CONFIG_INVALID", `cookieSameSite "none" needs secure cookies (an https origin)`);
  }
  // SameSite=None sends the cookies on every cross-site request: the CSRF check is all that is left.
  if (resolved.session.cookieSameSite === "none" && resolved.session.antiCsrf === "NONE") {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `session.antiCsrf "NONE" cannot go with session.cookieSameSite "none": any site could post with the session`,
    );
  }
  if (typeof resolved.session.accessTokenAudience !== "string" || resolved.session.accessTokenAudience.trim() === "") {
    throw new GatehouseError("CONFIG_INVALID", "session.accessTokenAudience must be a non-empty string");
  }
  return resolved;
}
