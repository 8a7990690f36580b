import type { GatehouseConfig, RateLimitOptions, ResolvedConfig } from "./config";
import { NOTICE_DICTIONARIES } from "./email/security-notice-messages";
import { GatehouseError } from "./errors";
import { checkedLifetime } from "./storable-time";

const HOUR = 3600;

/** Seconds above 0 that a timer can hold: Node fires one longer than 2^31-1 ms at once. */
function timerSeconds(name: string, value: number): number {
  if (typeof value !== "number" || !(value > 0) || value * 1000 > 2 ** 31 - 1) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `${name} must be a number of seconds above 0 and at most ${Math.floor((2 ** 31 - 1) / 1000)}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new GatehouseError("CONFIG_INVALID", `${name} must be a whole number ≥ 1, got ${value}`);
  }
  return value;
}

/** An emailed link's lifetime: its expiry is stored, so at most 100 years (storable-time.ts). */
const linkLifetime = (name: string, value: number): number => checkedLifetime(name, positiveInteger(name, value));

function rateLimit(name: string, value: RateLimitOptions): RateLimitOptions {
  return {
    points: positiveInteger(`${name}.points`, value.points),
    // Its end is stored by the database store: past the year 9999 every count failed there.
    durationSeconds: checkedLifetime(`${name}.durationSeconds`, positiveInteger(`${name}.durationSeconds`, value.durationSeconds)),
  };
}

/** A sender address must not carry a display name or line breaks (header injection). */
function senderAddress(address: string): string {
  if (!/^[^\s@<>",;]+@[^\s@<>",;]+$/.test(address)) {
    throw new GatehouseError("CONFIG_INVALID", `email.from.address is not a plain address: "${address}"`);
  }
  return address;
}

function senderName(name: string): string {
  if (/[\r\n]/.test(name)) throw new GatehouseError("CONFIG_INVALID", "email.from.name may not contain line breaks");
  return name;
}

/** The password-reset, email-verification and email parts of the resolved config. */
export function resolveEmailConfig(
  config: GatehouseConfig,
  base: { appName: string; appOrigin: string },
): Pick<ResolvedConfig, "passwordReset" | "emailVerification" | "email"> {
  const reset = config.passwordReset ?? {};
  const verification = config.emailVerification ?? {};
  const email = config.email ?? {};
  const mode = verification.mode ?? "OPTIONAL";
  if (mode !== "REQUIRED" && mode !== "OPTIONAL") {
    throw new GatehouseError("CONFIG_INVALID", `emailVerification.mode must be "REQUIRED" or "OPTIONAL", got "${mode}"`);
  }
  return {
    passwordReset: {
      tokenTtlSeconds: linkLifetime("passwordReset.tokenTtlSeconds", reset.tokenTtlSeconds ?? HOUR),
      revokeOtherSessions: reset.revokeOtherSessions ?? true,
      requestLimit: rateLimit("passwordReset.requestLimit", reset.requestLimit ?? { points: 5, durationSeconds: HOUR }),
      requestLimitPerClient: rateLimit("passwordReset.requestLimitPerClient", reset.requestLimitPerClient ?? { points: 30, durationSeconds: HOUR }),
      sendLimitGlobal:
        reset.sendLimitGlobal === false
          ? false
          : rateLimit("passwordReset.sendLimitGlobal", reset.sendLimitGlobal ?? { points: 1000, durationSeconds: HOUR }),
    },
    emailVerification: {
      mode,
      tokenTtlSeconds: linkLifetime("emailVerification.tokenTtlSeconds", verification.tokenTtlSeconds ?? 24 * HOUR),
      sendLimit: rateLimit("emailVerification.sendLimit", verification.sendLimit ?? { points: 3, durationSeconds: 600 }),
      sendLimitGlobal:
        verification.sendLimitGlobal === false
          ? false
          : rateLimit("emailVerification.sendLimitGlobal", verification.sendLimitGlobal ?? { points: 1000, durationSeconds: HOUR }),
    },
    email: {
      from: {
        name: senderName(email.from?.name ?? base.appName),
        address: senderAddress(email.from?.address ?? `no-reply@${new URL(base.appOrigin).hostname}`),
      },
      templates: email.templates ?? {},
      locale: noticeLocale(email.locale, config.ui?.locale),
      maxAttempts: positiveInteger("email.maxAttempts", email.maxAttempts ?? 3),
      attemptTimeoutSeconds: timerSeconds("email.attemptTimeoutSeconds", email.attemptTimeoutSeconds ?? 30),
      smtp: email.smtp ?? {},
    },
  };
}

/** An explicit `email.locale` must have built-in texts; `ui.locale` is followed only where it has. */
function noticeLocale(explicit: string | undefined, ui: string | undefined): string {
  if (explicit !== undefined) {
    if (!NOTICE_DICTIONARIES[explicit]) {
      throw new GatehouseError("CONFIG_INVALID", `email.locale must be one of ${Object.keys(NOTICE_DICTIONARIES).join(", ")}, got "${explicit}"`);
    }
    return explicit;
  }
  return ui && NOTICE_DICTIONARIES[ui] ? ui : "en";
}
