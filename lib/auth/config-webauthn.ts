/** Passkey (WebAuthn) options of the deployer's config (re-exported by config.ts). */
import type { RateLimitOptions } from "./config-limits";

export interface WebauthnOptions {
  /**
   * Turns passkeys on: the FDI `webauthn` endpoints answer and the built-in UI offers them.
   * @default true when a `webauthn` section is given, else off (the endpoints answer 404)
   */
  enabled?: boolean;
  /** The name authenticators show beside the passkey. @default `appName` */
  rpName?: string;
  /**
   * The relying-party id: the domain passkeys are bound to. It must be the app origin's host or
   * a registrable suffix of it ("example.com" for "https://app.example.com"), and can never
   * change without every passkey stopping working.
   * @default the host of the app origin (GATEHOUSE_APP_ORIGIN)
   */
  rpId?: string;
  /**
   * Attestation asked of authenticators. "none" keeps the authenticator's make private and is
   * what passkeys are meant for; "direct" asks for a statement, which is verified but not
   * checked against any trust list.
   * @default "none"
   */
  attestation?: "none" | "direct";
  /** How long a ceremony's options (and its challenge) may be used, in seconds. @default 300 */
  optionsLifetimeSeconds?: number;
  /** How long an emailed recovery link works, in seconds. @default 3600 (1 hour) */
  recoverTokenLifetimeSeconds?: number;
  /** Options one client (by its address, see `trustedProxy`) may ask for per window. @default { points: 60, durationSeconds: 900 } */
  optionsLimitPerClient?: RateLimitOptions;
  /** Sign-ins, sign-ups and registrations one client may attempt per window. @default { points: 30, durationSeconds: 900 } */
  verifyLimitPerClient?: RateLimitOptions;
  /** Recovery emails sent to one address per window. @default { points: 5, durationSeconds: 3600 } */
  recoverLimitPerEmail?: RateLimitOptions;
  /**
   * Recovery requests over all clients together, known and unknown addresses alike: the ceiling
   * on recovery mail where client addresses are unknown (no declared `trustedProxy`) and the
   * per-address limit holds one address, not the next. Once spent, every request gets 429 until
   * the window ends (`webauthn.recover_budget_spent` is logged), so the refusal tells nobody who
   * has an account. `false` turns it off.
   * @default { points: 1000, durationSeconds: 3600 }
   */
  recoverLimitGlobal?: RateLimitOptions | false;
  /** Email the user when a passkey is added to their account. @default true */
  notifyOnAdd?: boolean;
  /**
   * Passkeys one user may add while signed in: without it, a signed-in client (a stolen session
   * past its step-up) could add passkeys without end. Past it, the register options for the
   * user's own address and the addition answer `GENERAL_ERROR` with code `TOO_MANY_PASSKEYS`, and
   * the user removes one first. A recovery link is never refused by it (the way back in for a user
   * who lost their passkeys; `recoverLimitPerEmail` bounds it). A sign-up makes one; no admin path
   * adds any. From 1 to 100.
   * @default 20
   */
  maxPasskeys?: number;
}

export interface ResolvedWebauthnConfig {
  enabled: boolean;
  rpName: string;
  /** Undefined: the app origin's host. */
  rpId: string | undefined;
  attestation: "none" | "direct";
  optionsLifetimeSeconds: number;
  recoverTokenLifetimeSeconds: number;
  optionsLimitPerClient: RateLimitOptions;
  verifyLimitPerClient: RateLimitOptions;
  recoverLimitPerEmail: RateLimitOptions;
  recoverLimitGlobal: RateLimitOptions | false;
  notifyOnAdd: boolean;
  maxPasskeys: number;
}

function wholeNumber(name: string, value: number, min: number, max: number, fail: (message: string) => Error): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw fail(`webauthn.${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

function limit(name: string, value: RateLimitOptions, fail: (message: string) => Error): RateLimitOptions {
  wholeNumber(`${name}.points`, value.points, 1, 1_000_000, fail);
  wholeNumber(`${name}.durationSeconds`, value.durationSeconds, 1, 31_536_000, fail);
  return value;
}

/** Fills the defaults and checks every value once, at start-up. */
export function resolveWebauthnConfig(
  options: WebauthnOptions | undefined,
  app: { appName: string; appOrigin: string },
  fail: (message: string) => Error,
): ResolvedWebauthnConfig {
  const o = options ?? {};
  const attestation = o.attestation ?? "none";
  if (attestation !== "none" && attestation !== "direct") throw fail(`webauthn.attestation must be "none" or "direct"`);
  const host = new URL(app.appOrigin).hostname;
  const rpId = o.rpId?.toLowerCase();
  if (rpId !== undefined && host !== rpId && !host.endsWith(`.${rpId}`)) {
    throw fail(`webauthn.rpId "${rpId}" must be the app origin's host (${host}) or a domain it is under`);
  }
  return {
    enabled: o.enabled ?? options !== undefined,
    rpName: o.rpName ?? app.appName,
    rpId,
    attestation,
    optionsLifetimeSeconds: wholeNumber("optionsLifetimeSeconds", o.optionsLifetimeSeconds ?? 300, 30, 3600, fail),
    recoverTokenLifetimeSeconds: wholeNumber("recoverTokenLifetimeSeconds", o.recoverTokenLifetimeSeconds ?? 3600, 300, 604_800, fail),
    optionsLimitPerClient: limit("optionsLimitPerClient", o.optionsLimitPerClient ?? { points: 60, durationSeconds: 900 }, fail),
    verifyLimitPerClient: limit("verifyLimitPerClient", o.verifyLimitPerClient ?? { points: 30, durationSeconds: 900 }, fail),
    recoverLimitPerEmail: limit("recoverLimitPerEmail", o.recoverLimitPerEmail ?? { points: 5, durationSeconds: 3600 }, fail),
    recoverLimitGlobal:
      o.recoverLimitGlobal === false ? false : limit("recoverLimitGlobal", o.recoverLimitGlobal ?? { points: 1000, durationSeconds: 3600 }, fail),
    notifyOnAdd: o.notifyOnAdd ?? true,
    maxPasskeys: wholeNumber("maxPasskeys", o.maxPasskeys ?? 20, 1, 100, fail),
  };
}
