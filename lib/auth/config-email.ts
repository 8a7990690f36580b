/** Email, password-reset and email-verification options of the deployer's config (re-exported by config.ts). */
import type { RateLimitOptions } from "./config-limits";
import type { SecurityNoticeEvent } from "./email/security-notice-messages";

/** What an email template returns; fields it leaves out come from the built-in template. */
export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** What every email template receives. */
export interface EmailTemplateInput {
  appName: string;
  /** The recipient's address. */
  email: string;
  /** The link to follow: always on the app origin (`GATEHOUSE_APP_ORIGIN`), never the request's Host. */
  link: string;
  /** How long the link works, in whole minutes. */
  expiresInMinutes: number;
  /** The language of the built-in text ("en", "de"): `email.locale`. */
  locale: string;
}

/** Builds one email. Values are not escaped for you: escape what you put into `html`. */
export type EmailTemplate = (input: EmailTemplateInput) => Partial<EmailContent> | Promise<Partial<EmailContent>>;

export type { SecurityNoticeEvent };

/** What the security-notice template receives (lib/auth/email/security-notice.ts). */
export interface SecurityNoticeTemplateInput {
  appName: string;
  /** The recipient's address: for EMAIL_CHANGED, the address the account left. */
  email: string;
  /** What happened to the account. */
  event: SecurityNoticeEvent;
  /** The provider's id in the config (e.g. "google"), for PROVIDER_LINKED. */
  provider?: string;
  /**
   * The provider's name as its sign-in button shows it (e.g. "Google", or its `name` in the
   * config), for PROVIDER_LINKED; its id when the config no longer has it.
   */
  providerName?: string;
  /**
   * Whether the account has a password. Without one, a password reset sends nothing: the
   * built-in notice then tells it to sign in (`link`) rather than to reset or use a password.
   */
  hasPassword: boolean;
  /** For "this was not me": the password-reset page on the app origin, or the sign-in page (`websiteBasePath`) for an account without a password. */
  link: string;
  /** The language of the built-in text ("en", "de"): `email.locale`. */
  locale: string;
}

/** Builds a security notice. Values are not escaped for you: escape what you put into `html`. */
export type SecurityNoticeTemplate = (input: SecurityNoticeTemplateInput) => Partial<EmailContent> | Promise<Partial<EmailContent>>;

export interface EmailOptions {
  /**
   * The sender of every email.
   * @default { name: appName, address: "no-reply@<host of the app origin>" }
   * @example from: { name: "Acme", address: "auth@acme.example" }
   */
  from?: { name?: string; address?: string };
  /**
   * Replace the subject, HTML or text of the built-in emails (see lib/auth/email/templates.ts).
   * @default the built-in templates
   * @example templates: { passwordReset: ({ link }) => ({ subject: "Your Acme reset link" }) }
   */
  templates?: { passwordReset?: EmailTemplate; emailVerification?: EmailTemplate; securityNotice?: SecurityNoticeTemplate };
  /**
   * The language of every built-in email, one of "en" and "de": password reset, email
   * verification, passkey recovery, sign-in codes, invitations and security notices. Some are
   * sent outside any page, so they cannot follow the browser; a template can pick per user
   * (each receives `locale`).
   * @default `ui.locale` when it is one of these, else "en"
   * @example locale: "de"
   */
  locale?: string;
  /**
   * Attempts per email, the first included. Only transient SMTP failures are retried (4xx
   * replies, refused or dropped connections, timeouts), with a pause between attempts that
   * doubles from half a second up to a minute at most. A request that sends an email (a
   * passwordless code, for one) waits through the attempts.
   * @default 3
   */
  maxAttempts?: number;
  /**
   * The longest one attempt may take, in seconds, from connecting to the server's last reply;
   * past it the connection is closed and the attempt counts as a timeout (retried as one). The
   * SMTP timeouts below bound silence only (defaults: `connectionTimeout` 10 s for connecting and
   * the greeting, `socketTimeout` 20 s without a byte), so a server that keeps answering a few
   * bytes at a time held a request without end. A request that sends an email waits at most
   * `maxAttempts` × this plus the pauses between attempts (with the defaults: 91.5 s).
   * @default 30
   */
  attemptTimeoutSeconds?: number;
  /**
   * More nodemailer SMTP options beside those in `SMTP_URL` (which win where both set one):
   * TLS settings (`requireTLS`, `tls: { minVersion, ca, servername }`), timeouts, pooling.
   * Gatehouse's timeouts unless set here: `connectionTimeout` 10000 and `greetingTimeout` 10000
   * (ms, together at most 10 s), `socketTimeout` 20000 (ms without a byte from the server).
   * @default {}
   * @example smtp: { requireTLS: true, tls: { minVersion: "TLSv1.2" } }
   */
  smtp?: Record<string, unknown>;
}

export interface PasswordResetOptions {
  /** How long a reset link works, in seconds. @default 3600 (1 hour) */
  tokenTtlSeconds?: number;
  /**
   * Sign the user out of every other session when the password is reset (a session the reset
   * request itself carries is kept), so whoever knew the old password is locked out. `false`
   * keeps them, except when the reset proves an address that was not verified yet: then every
   * other session ends anyway, since it may be a pre-registrant's (docs/third-party.md).
   * @default true
   */
  revokeOtherSessions?: boolean;
  /** Reset emails one address may be sent per window (counted where `rateLimits.store` says). @default { points: 5, durationSeconds: 3600 } */
  requestLimit?: RateLimitOptions;
  /**
   * Reset requests one client (by its address, see `trustedProxy`) may make per window, whatever
   * addresses it names: without it, one client could have the app mail any number of accounts.
   * @default { points: 30, durationSeconds: 3600 }
   */
  requestLimitPerClient?: RateLimitOptions;
  /**
   * Reset requests over all clients together, for known and unknown addresses alike: the ceiling
   * on reset mail where the other two limits cannot count (a client's address is known only behind
   * a declared proxy, `trustedProxy`, and `requestLimit` holds one address, not the next). Once
   * spent, every reset request is answered 429 until the window ends, whatever the address, so the
   * refusal tells nothing of who has an account, and `password_reset.send_budget_spent` is logged.
   * Keep it well above the app's resets at their peak. `false`: off.
   * @default { points: 1000, durationSeconds: 3600 }
   */
  sendLimitGlobal?: RateLimitOptions | false;
}

export interface EmailVerificationOptions {
  /**
   * `"REQUIRED"`: protected APIs (withSession, and every API that verifies a session) answer 403
   * `invalid claim`, and page reads (requireSession, requireActionSession, getSessionSSR and the
   * proxy's protected paths) redirect to `{websiteBasePath}/verify-email` until the email is
   * verified. `"OPTIONAL"`: the `st-ev` claim is in the session for the
   * app to read, and nothing is blocked.
   * @default "OPTIONAL"
   */
  mode?: "REQUIRED" | "OPTIONAL";
  /** How long a verification link works, in seconds. @default 86400 (1 day) */
  tokenTtlSeconds?: number;
  /** Verification emails one user may ask for per window (counted where `rateLimits.store` says). @default { points: 3, durationSeconds: 600 } */
  sendLimit?: RateLimitOptions;
  /**
   * Verification emails over all users together: the ceiling on what anyone can make the app
   * mail to fresh addresses by signing them up (sign-ups are limited per client only when its
   * address is known, `trustedProxy`), which the per-user `sendLimit` cannot be. Once spent,
   * verification emails are answered 429 until the window ends and
   * `email_verification.send_budget_spent` is logged. Keep it well above the app's sign-ups at
   * their peak. `false`: off.
   * @default { points: 1000, durationSeconds: 3600 }
   */
  sendLimitGlobal?: RateLimitOptions | false;
}
