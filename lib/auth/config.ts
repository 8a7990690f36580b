import type { ThirdPartyOptions } from "./thirdparty/options";
import type { ResolvedThirdPartyConfig } from "./thirdparty/providers";
import type { FdiUser } from "./user";
import type { BruteForceLimits, ResolvedBruteForceLimits } from "./config-limits";
import type { SessionErrorHooks } from "./config-hooks";
import type { ResolvedTrustedProxy, TrustedProxyOption } from "./config-proxy";
import type { SessionOptions } from "./config-session";
import type { AuditLogOptions, ResolvedAuditLogOptions } from "./config-audit";
import type { EmailPasswordValidators } from "./config-email-password-validators";
import type { EmailOptions, EmailVerificationOptions, PasswordResetOptions } from "./config-email";
import type { ResolvedUiOptions, UiOptions } from "./config-ui";
import type { PasswordlessOptions, ResolvedPasswordlessConfig } from "./config-passwordless";
import type { ResolvedWebauthnConfig, WebauthnOptions } from "./config-webauthn";

/** Which sign-in method produced the user, handed to the session hooks. */
export type SignInUpContext =
  | { method: "emailpassword"; formFields: Record<string, string> }
  | { method: "thirdparty"; thirdPartyId: string; rawProfile: Record<string, unknown> }
  /** The proven address or number: exactly one of the two is set. */
  | { method: "passwordless"; email?: string; phoneNumber?: string }
  /** A passkey (with user verification); `email` is the account's address, if it has one. */
  | { method: "webauthn"; email?: string };

export type SignInUpAction = "signin" | "signup";

export type SessionHook = (
  user: FdiUser,
  context: SignInUpContext,
  action: SignInUpAction,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface PasswordPolicy {
  /** Counted in characters: code points of the password's Unicode NFC form, the one hashed. @default 8 */
  minLength?: number;
  /** Longer inputs are refused, never truncated; counted as minLength is. @default 256 */
  maxLength?: number;
  /** @default true */
  requireLetter?: boolean;
  /** @default true */
  requireDigit?: boolean;
  /**
   * Refuse the 10,000 most common passwords (compared lowercased, as typed and in NFKC) at sign-up, reset, change and
   * the admin API's set password. A replacement `validators.password` does not switch it off.
   * @default true
   */
  rejectCommonPasswords?: boolean;
}

/**
 * One extra sign-up field. Its validator runs in the browser as the user types and again on the
 * server, which decides: a failing server check answers `FIELD_ERROR` for this field. The value
 * reaches the sign-up hooks as `context.formFields[id]`.
 */
export interface SignUpField {
  /** The `formFields` id and the input's `id`/`name`. "email" and "password" are taken. */
  id: string;
  label: string;
  placeholder?: string;
  /** @default "text" */
  type?: "text" | "email" | "tel" | "url" | "number" | "date";
  /** An empty value is accepted (and the validator skipped). @default false */
  optional?: boolean;
  /** The input's initial value. @default "" */
  defaultValue?: string;
  /** The input's `autocomplete` token, e.g. "name" or "organization". @default "off" */
  autoComplete?: string;
  /**
   * Returns an error message, or undefined when the value is fine. It is bundled for the browser
   * too, so keep it pure: no secrets, no server imports.
   * @default no check beyond `optional`
   */
  validate?: (value: string) => string | undefined;
}

export interface EmailPasswordOptions {
  /** @default { minLength: 8, maxLength: 256, requireLetter: true, requireDigit: true, rejectCommonPasswords: true } */
  passwordPolicy?: PasswordPolicy;
  /**
   * Extra sign-up fields, shown in this order below email and password.
   * @default []
   * @example signUpFields: [{ id: "name", label: "Full name", autoComplete: "name" }]
   */
  signUpFields?: SignUpField[];
  /** Replace the built-in email and password checks (see lib/auth/config-email-password-validators.ts). @default the built-in checks */
  validators?: EmailPasswordValidators;
  /**
   * Answer the FDI's `GET /emailpassword/email/exists`. It tells anyone whether an email has an
   * account (rate-limited per IP); the built-in UI does not call it. `false` answers 404, as for
   * an unknown path, for deployments that prefer no such oracle. The passwordless and passkey
   * recipes' own exists endpoints (`/passwordless/email/exists`, `/webauthn/email/exists`) are
   * not affected. @default true
   */
  emailExistsEndpoint?: boolean;
}

export interface UserRolesOptions {
  /** Put the user's roles in every access token, under "st-role". @default true */
  addRolesToSession?: boolean;
  /** Put the permissions of the user's roles in every access token, under "st-perm". @default true */
  addPermissionsToSession?: boolean;
  /**
   * Roles (with their permissions) created at start-up when missing; existing ones gain any
   * missing permission, and nothing is ever removed.
   * @default {}
   * @example roles: { admin: ["users:read", "users:write"], support: ["users:read"] }
   */
  roles?: Record<string, string[]>;
}

export type { EmailContent, EmailOptions, EmailTemplate, EmailTemplateInput, EmailVerificationOptions, PasswordResetOptions } from "./config-email";

export type { BruteForceLimits, FailureBudget, RateLimitOptions, RateLimitStoreChoice, SignInFailureDelay } from "./config-limits";

export type { TrustedProxyOption } from "./config-proxy";

export type { AntiCsrfMode, SessionOptions } from "./config-session";

export type { SessionErrorHook, SessionErrorHooks, SessionErrorInfo } from "./config-hooks";

export type { AuditLogOptions } from "./config-audit";

export type { UiOptions } from "./config-ui";

export type {
  PasswordlessContactMethod,
  PasswordlessEmailTemplate,
  PasswordlessEmailTemplateInput,
  PasswordlessFlowType,
  PasswordlessOptions,
} from "./config-passwordless";
export type { WebauthnOptions } from "./config-webauthn";

/** The deployer's configuration. Every field is optional; hover a field for its default. */
export interface GatehouseConfig {
  /** Shown in the UI. @default "Gatehouse" */
  appName?: string;
  /** Where the auth API is mounted. @default "/api/auth" */
  apiBasePath?: string;
  /** Where the built-in UI lives. @default "/auth" */
  websiteBasePath?: string;
  /** The built-in UI's theme. @default { theme: "system" } */
  ui?: UiOptions;
  /**
   * The app's public origin: email links, the token issuer and the anti-CSRF Origin check use it.
   * Env: `GATEHOUSE_APP_ORIGIN`. In development (`next dev`) the origin the dev server is opened
   * at on a loopback host (`localhost`, `127.0.0.1`, `[::1]`, any port) is accepted as well.
   * @default "http://localhost:3000"; in development "http://localhost:<the port next dev serves>"
   */
  appOrigin?: string;
  /**
   * Other origins of this app that the anti-CSRF Origin check accepts, e.g. the sub-domains
   * that share the session through `session.cookieDomain`.
   * @default []
   * @example trustedOrigins: ["https://app.example.com", "https://admin.example.com"]
   */
  trustedOrigins?: string[];
  /**
   * The proxies in front of the app, from which the client's address is read for rate limits,
   * the audit log and the session list (see lib/auth/config-proxy.ts, docs/security.md, "Behind a proxy").
   * @default "vercel" on Vercel (the VERCEL environment variable), else "none" (no forwarding header believed)
   * @example trustedProxy: { hops: 1 }
   */
  trustedProxy?: TrustedProxyOption;
  session?: SessionOptions;
  userRoles?: UserRolesOptions;
  /** Change how session errors are answered. @default the FDI's answers */
  onSessionError?: SessionErrorHooks;
  emailPassword?: EmailPasswordOptions;
  /** Brute-force protection; on by default. */
  rateLimits?: BruteForceLimits;
  /** The audit log of security events in the database. @default { enabled: true, retentionDays: 90 } */
  auditLog?: AuditLogOptions;
  /** Password reset by emailed link. */
  passwordReset?: PasswordResetOptions;
  /** Email verification by emailed link, and whether it is required. */
  emailVerification?: EmailVerificationOptions;
  /** Email delivery: sender, templates, retries, SMTP options. The server comes from `SMTP_URL`. */
  email?: EmailOptions;
  /** Sign-in with Google, GitHub, … and your own OIDC / OAuth 2.0 providers (see lib/auth/thirdparty/options.ts). @default no providers */
  thirdParty?: ThirdPartyOptions;
  /**
   * Sign-in without a password: a one-time code or a magic link by email, or a code by SMS
   * (see lib/auth/config-passwordless.ts, docs/passwordless.md).
   * @default off
   * @example passwordless: { contactMethod: "EMAIL", flowType: "USER_INPUT_CODE_AND_MAGIC_LINK" }
   */
  passwordless?: PasswordlessOptions;
  /** Multi-factor authentication: TOTP, recovery codes, step-up (lib/auth/config-mfa.ts, docs/mfa.md). @default off */
  mfa?: import("./config-mfa").MfaOptions;
  /**
   * Passkeys (WebAuthn): sign-up and sign-in without a password, passkeys added to any account,
   * recovery by email (see lib/auth/config-webauthn.ts, docs/passkeys.md).
   * @default off
   * @example webauthn: {} // on, with the app origin's host as the relying-party id
   */
  webauthn?: WebauthnOptions;
  /**
   * Returns the access-token payload for a new session. Called exactly once per sign-in and
   * sign-up. Its keys are flattened into the JWT and visible to the browser; protected claim
   * names (sub, exp, sessionHandle, …) are refused, and so is a payload too long for any token
   * under `session.maxAccessTokenBytes`.
   * @default () => ({})
   * @example setJwtPayload: (user, context, action) => ({ role: "user" })
   */
  setJwtPayload?: SessionHook;
  /**
   * Returns server-only data stored with the session, never sent to the browser. Called
   * exactly once per sign-in and sign-up. At most 1 MiB of JSON: more fails the sign-in with
   * SESSION_DATA_TOO_LARGE.
   * @default () => ({})
   */
  setSessionData?: SessionHook;
}

export interface ResolvedConfig {
  appName: string;
  apiBasePath: string;
  websiteBasePath: string;
  /** The built-in UI's options; pages read these, never the raw `ui`. */
  ui: ResolvedUiOptions;
  appOrigin: string;
  trustedOrigins: string[];
  /**
   * True only under `next dev` (NODE_ENV "development", and never in a production build): the
   * Origin check also accepts a loopback origin equal to the request's own Host.
   */
  development: boolean;
  trustedProxy: ResolvedTrustedProxy;
  session: Required<Omit<SessionOptions, "cookieDomain" | "olderCookieDomain">> & {
    cookieDomain: string | undefined;
    olderCookieDomain: string | undefined;
  };
  hooks: SessionErrorHooks;
  userRoles: Required<UserRolesOptions>;
  emailPassword: {
    passwordPolicy: Required<PasswordPolicy>;
    signUpFields: SignUpField[];
    validators: EmailPasswordValidators;
    emailExistsEndpoint: boolean;
  };
  rateLimits: ResolvedBruteForceLimits;
  auditLog: ResolvedAuditLogOptions;
  passwordReset: Required<PasswordResetOptions>;
  emailVerification: Required<EmailVerificationOptions>;
  email: {
    from: { name: string; address: string };
    templates: NonNullable<EmailOptions["templates"]>;
    /** The built-in security notices' language: a key of NOTICE_DICTIONARIES. */
    locale: string;
    maxAttempts: number;
    attemptTimeoutSeconds: number;
    smtp: Record<string, unknown>;
  };
  thirdParty: ResolvedThirdPartyConfig;
  passwordless: ResolvedPasswordlessConfig;
  mfa: import("./config-mfa").ResolvedMfaConfig;
  webauthn: ResolvedWebauthnConfig;
  setJwtPayload: SessionHook;
  setSessionData: SessionHook;
}

export type { ConfigEnv } from "./config-env";
