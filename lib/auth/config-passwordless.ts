/** Passwordless sign-in options of the deployer's config (re-exported by config.ts). */
import type { RateLimitOptions } from "./config-limits";
import type { EmailContent } from "./config-email";

/** How people identify themselves: the address or number the code or link is sent to. */
export type PasswordlessContactMethod = "EMAIL" | "PHONE" | "EMAIL_OR_PHONE";

/** What the message carries: a code to type, a link to click, or both. */
export type PasswordlessFlowType = "USER_INPUT_CODE" | "MAGIC_LINK" | "USER_INPUT_CODE_AND_MAGIC_LINK";

/** What the passwordless email template receives. */
export interface PasswordlessEmailTemplateInput {
  appName: string;
  /** The recipient's address. */
  email: string;
  /** The code to type, when the flow sends one. */
  userInputCode?: string;
  /** The sign-in link, when the flow sends one: always on the app origin. */
  link?: string;
  /** How long the code and link work, in whole minutes (rounded down, at least 1). */
  expiresInMinutes: number;
  /** The language of the built-in text ("en", "de"): `email.locale`. */
  locale: string;
}

/** Builds the sign-in email. Values are not escaped for you: escape what you put into `html`. */
export type PasswordlessEmailTemplate = (input: PasswordlessEmailTemplateInput) => Partial<EmailContent> | Promise<Partial<EmailContent>>;

export interface PasswordlessOptions {
  /**
   * Turns passwordless sign-in on: the FDI endpoints answer and the built-in UI offers it.
   * @default true when a `passwordless` section is given, else off (the endpoints answer 404)
   */
  enabled?: boolean;
  /**
   * Email, phone number (SMS through the `SmsDelivery` given to createGatehouse), or either.
   * @default "EMAIL"
   */
  contactMethod?: "EMAIL" | "PHONE" | "EMAIL_OR_PHONE";
  /**
   * A code to type, a link to click, or both in one message.
   * @default "USER_INPUT_CODE_AND_MAGIC_LINK"
   */
  flowType?: "USER_INPUT_CODE" | "MAGIC_LINK" | "USER_INPUT_CODE_AND_MAGIC_LINK";
  /** How long a code and its link work, in seconds. @default 900 (15 minutes) */
  codeLifetimeSeconds?: number;
  /**
   * Wrong codes one sign-in attempt (one device) may try; the last one ends it with
   * `RESTART_FLOW_ERROR`, and the user asks for a new code. @default 5
   */
  maxCodeAttempts?: number;
  /** Digits of the code to type (6 to 10). @default 6 */
  codeLength?: number;
  /**
   * Show passwordless sign-in on `/auth` beside the password form, or instead of it.
   * @default "alongside"
   */
  ui?: "alongside" | "instead";
  /**
   * Codes sent to one address or number per window (first sends and resends alike), so the
   * endpoint cannot be used to flood someone's inbox or phone.
   * @default { points: 5, durationSeconds: 900 }
   */
  sendLimitPerContact?: RateLimitOptions;
  /** Codes one client (by its address, see `trustedProxy`) may ask for per window. @default { points: 30, durationSeconds: 3600 } */
  sendLimitPerClient?: RateLimitOptions;
  /**
   * Codes sent to contacts that have no account yet, over all clients together: the ceiling on
   * what anyone can make the app mail or text to fresh addresses and numbers, which the
   * per-client limit cannot be without known client addresses (`trustedProxy`). Once spent,
   * codes to new contacts are answered 429 until the window ends, and
   * `passwordless.send_budget_spent` is logged; existing users' codes are never held back by
   * it. Keep it well above the app's passwordless sign-ups at their peak. `false`: off.
   * @default { points: 1000, durationSeconds: 3600 }
   */
  sendLimitGlobal?: RateLimitOptions | false;
  /** Code checks (right or wrong) one client may make per window. @default { points: 60, durationSeconds: 900 } */
  consumeLimitPerClient?: RateLimitOptions;
  /**
   * Replace the subject, HTML or text of the sign-in email.
   * @default the built-in template, in `email.locale`
   * @example emailTemplate: ({ userInputCode }) => ({ subject: `Your Acme code: ${userInputCode}` })
   */
  emailTemplate?: PasswordlessEmailTemplate;
  /**
   * The text of the sign-in SMS.
   * @default "<code> is your <appName> code" and/or the link, in `email.locale`
   */
  smsTemplate?: (input: { appName: string; userInputCode?: string; link?: string; expiresInMinutes: number; locale: string }) => string;
}

export interface ResolvedPasswordlessConfig {
  enabled: boolean;
  contactMethod: PasswordlessContactMethod;
  flowType: PasswordlessFlowType;
  codeLifetimeSeconds: number;
  maxCodeAttempts: number;
  codeLength: number;
  ui: "alongside" | "instead";
  sendLimitPerContact: RateLimitOptions;
  sendLimitPerClient: RateLimitOptions;
  sendLimitGlobal: RateLimitOptions | false;
  consumeLimitPerClient: RateLimitOptions;
  emailTemplate: PasswordlessEmailTemplate | undefined;
  smsTemplate: PasswordlessOptions["smsTemplate"];
}

const CONTACT_METHODS = ["EMAIL", "PHONE", "EMAIL_OR_PHONE"] as const;
const FLOW_TYPES = ["USER_INPUT_CODE", "MAGIC_LINK", "USER_INPUT_CODE_AND_MAGIC_LINK"] as const;

function wholeNumber(name: string, value: number, min: number, max: number, fail: (message: string) => Error): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw fail(`passwordless.${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

function limit(name: string, value: RateLimitOptions, fail: (message: string) => Error): RateLimitOptions {
  wholeNumber(`${name}.points`, value.points, 1, 1_000_000, fail);
  wholeNumber(`${name}.durationSeconds`, value.durationSeconds, 1, 31_536_000, fail);
  return value;
}

/** Fills the defaults and checks every value once, at start-up. */
export function resolvePasswordlessConfig(options: PasswordlessOptions | undefined, fail: (message: string) => Error): ResolvedPasswordlessConfig {
  const o = options ?? {};
  const contactMethod = o.contactMethod ?? "EMAIL";
  const flowType = o.flowType ?? "USER_INPUT_CODE_AND_MAGIC_LINK";
  if (!CONTACT_METHODS.includes(contactMethod)) throw fail(`passwordless.contactMethod must be one of ${CONTACT_METHODS.join(", ")}`);
  if (!FLOW_TYPES.includes(flowType)) throw fail(`passwordless.flowType must be one of ${FLOW_TYPES.join(", ")}`);
  const ui = o.ui ?? "alongside";
  if (ui !== "alongside" && ui !== "instead") throw fail(`passwordless.ui must be "alongside" or "instead"`);
  return {
    enabled: o.enabled ?? options !== undefined,
    contactMethod,
    flowType,
    codeLifetimeSeconds: wholeNumber("codeLifetimeSeconds", o.codeLifetimeSeconds ?? 900, 60, 86_400, fail),
    maxCodeAttempts: wholeNumber("maxCodeAttempts", o.maxCodeAttempts ?? 5, 1, 20, fail),
    codeLength: wholeNumber("codeLength", o.codeLength ?? 6, 6, 10, fail),
    ui,
    sendLimitPerContact: limit("sendLimitPerContact", o.sendLimitPerContact ?? { points: 5, durationSeconds: 900 }, fail),
    sendLimitPerClient: limit("sendLimitPerClient", o.sendLimitPerClient ?? { points: 30, durationSeconds: 3600 }, fail),
    sendLimitGlobal:
      o.sendLimitGlobal === false ? false : limit("sendLimitGlobal", o.sendLimitGlobal ?? { points: 1000, durationSeconds: 3600 }, fail),
    consumeLimitPerClient: limit("consumeLimitPerClient", o.consumeLimitPerClient ?? { points: 60, durationSeconds: 900 }, fail),
    emailTemplate: o.emailTemplate,
    smsTemplate: o.smsTemplate,
  };
}
