/** Multi-factor authentication options of the deployer's config (re-exported by config.ts). */
import type { RateLimitOptions } from "./config-limits";
import { unrequirableFactorReason, type RequirableFactorId } from "./mfa/factor-ids";

/** One requirement: a factor, any one of a list, or all of a list (SuperTokens' MFARequirementList). */
export type MfaRequirement = string | { oneOf: string[] } | { allOfInAnyOrder: string[] };
export type MfaRequirementList = MfaRequirement[];

/** What `getMFARequirementsForAuth` is told about the session being checked. */
export interface MfaRequirementsInput {
  userId: string;
  /** factor id → when this session completed it (unix seconds). */
  completedFactors: Record<string, number>;
  /** The secondary factors the user has set up (a verified TOTP device: "totp"). */
  factorsSetUpForUser: string[];
  /**
   * Required of this session: everyone's, by role, (opt-in) the ones set up, and its tenant's
   * (an organization's `requiredSecondaryFactors`, docs/organizations.md).
   */
  requiredSecondaryFactorsForUser: string[];
  /** The user's roles, read only when `requiredSecondaryFactorsByRole` is set or a hook is given. */
  roles: string[];
  /** The session's tenant: an organization's slug, or "public". */
  tenantId: string;
}

export interface MfaTotpOptions {
  /** The issuer shown in authenticator apps. @default the config's `appName` */
  issuer?: string;
  /** Seconds per code (RFC 6238's time step). @default 30 */
  period?: number;
  /** Codes this many periods before and after the current one are accepted too (clock drift). @default 1 */
  skew?: number;
  /**
   * Wrong codes one user may try per window (every device, every client); past it the answer
   * is `LIMIT_REACHED_ERROR` with `retryAfterMs`. A right code clears the count.
   * @default { points: 5, durationSeconds: 900 }
   */
  failuresPerUser?: RateLimitOptions;
  /** Code checks (right or wrong) one client (by address) may make per window. @default { points: 60, durationSeconds: 900 } */
  checksPerClient?: RateLimitOptions;
  /**
   * Unverified devices (set-ups started, no code given yet) one user may hold. Past it, a new
   * set-up first removes the user's unverified devices older than an hour (abandoned set-ups);
   * if that frees no room, the answer is `GENERAL_ERROR` with code `TOTP_SETUPS_UNFINISHED`.
   * Verified devices do not count. From 1 to 100.
   * @default 10
   */
  maxUnverifiedDevices?: number;
  /**
   * Devices one user may hold, verified and unverified together: without it, a signed-in client
   * (a stolen session past its step-up) could add authenticators without end, and each code check
   * tries every verified one. Past it, a new set-up first removes the user's unverified devices
   * older than an hour, as above; if that frees no room, the answer is `GENERAL_ERROR` with code
   * `TOO_MANY_TOTP_DEVICES` (the user removes one first). No admin path adds devices. From 1 to 100.
   * @default 10
   */
  maxDevices?: number;
}

export interface MfaOptions {
  /**
   * Turns MFA on: the `st-mfa` claim in every access token, the TOTP and MFA endpoints, the gate.
   * `false` beside a non-empty `requiredSecondaryFactors` (or ByRole) is refused at start-up.
   * @default true when an `mfa` section is given, else off (the endpoints answer 404)
   */
  enabled?: boolean;
  /** Second factors every user must complete: today `"totp"` (REQUIRABLE_FACTOR_IDS). @default [] */
  requiredSecondaryFactors?: RequirableFactorId[];
  /**
   * Second factors required of the users holding a role.
   * @default {}
   * @example requiredSecondaryFactorsByRole: { admin: ["totp"] }
   */
  requiredSecondaryFactorsByRole?: Record<string, RequirableFactorId[]>;
  /**
   * Per-user opt-in: a factor a user has set up (a verified TOTP device) is required of that user
   * at every sign-in, as "turn on two-step verification" means in most apps.
   * @default true
   */
  requireFactorsOnceSetUp?: boolean;
  /**
   * Your own rule: returns the requirements the session must meet. Called at every sign-in,
   * refresh and completed factor.
   * @default ({ requiredSecondaryFactorsForUser }) => requiredSecondaryFactorsForUser.length ? [{ oneOf: requiredSecondaryFactorsForUser }] : []
   */
  getMFARequirementsForAuth?: (input: MfaRequirementsInput) => MfaRequirementList | Promise<MfaRequirementList>;
  totp?: MfaTotpOptions;
  /** How many recovery codes a user gets (each single use). @default 10 */
  recoveryCodeCount?: number;
  /**
   * Step-up for the built-in sensitive actions (changing the password, adding or removing a device, new
   * recovery codes): a user with TOTP set up must have given a code within this many seconds.
   * `0` turns it off. Your own routes ask with `withSession(handler, { factorWithinSeconds: { totp: 300 } })`.
   * @default 300
   */
  stepUpSeconds?: number;
}

export interface ResolvedMfaConfig {
  enabled: boolean;
  requiredSecondaryFactors: RequirableFactorId[];
  requiredSecondaryFactorsByRole: Record<string, RequirableFactorId[]>;
  requireFactorsOnceSetUp: boolean;
  getMFARequirementsForAuth: NonNullable<MfaOptions["getMFARequirementsForAuth"]>;
  totp: {
    issuer: string;
    period: number;
    skew: number;
    failuresPerUser: RateLimitOptions;
    checksPerClient: RateLimitOptions;
    maxUnverifiedDevices: number;
    maxDevices: number;
  };
  recoveryCodeCount: number;
  stepUpSeconds: number;
}

/** SuperTokens' default: any one of the factors required of the user. */
export const defaultMfaRequirements = ({ requiredSecondaryFactorsForUser }: MfaRequirementsInput): MfaRequirementList =>
  requiredSecondaryFactorsForUser.length ? [{ oneOf: requiredSecondaryFactorsForUser }] : [];

function wholeNumber(name: string, value: number, min: number, max: number, fail: (message: string) => Error): number {
  if (!Number.isInteger(value) || value < min || value > max) throw fail(`mfa.${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

function factors(name: string, list: string[], fail: (message: string) => Error): RequirableFactorId[] {
  for (const id of list) {
    const reason = unrequirableFactorReason(id);
    if (reason) throw fail(`mfa.${name}: ${reason}`);
  }
  return list as RequirableFactorId[];
}

function limit(name: string, value: RateLimitOptions, fail: (message: string) => Error): RateLimitOptions {
  wholeNumber(`${name}.points`, value.points, 1, 1_000_000, fail);
  wholeNumber(`${name}.durationSeconds`, value.durationSeconds, 1, 31_536_000, fail);
  return value;
}

/** Fills the defaults and checks every value once, at start-up. */
export function resolveMfaConfig(options: MfaOptions | undefined, appName: string, fail: (message: string) => Error): ResolvedMfaConfig {
  const o = options ?? {};
  const t = o.totp ?? {};
  const byRole = Object.fromEntries(
    Object.entries(o.requiredSecondaryFactorsByRole ?? {}).map(([role, list]) => [
      role,
      factors(`requiredSecondaryFactorsByRole.${role}`, list, fail),
    ]),
  );
  const enabled = o.enabled ?? options !== undefined;
  // A requirement nothing enforces would pass for protection: refused, as the admin API refuses
  // an organization's while MFA is off.
  if (!enabled) {
    const listed = [
      ...(o.requiredSecondaryFactors?.length ? ["mfa.requiredSecondaryFactors"] : []),
      ...Object.entries(o.requiredSecondaryFactorsByRole ?? {})
        .filter(([, list]) => list.length > 0)
        .map(([role]) => `mfa.requiredSecondaryFactorsByRole.${role}`),
    ];
    if (listed.length > 0) {
      throw fail(`${listed.join(", ")}: MFA is off (mfa.enabled: false), so nothing would require it; turn MFA on or remove the requirement`);
    }
  }
  return {
    enabled,
    requiredSecondaryFactors: factors("requiredSecondaryFactors", o.requiredSecondaryFactors ?? [], fail),
    requiredSecondaryFactorsByRole: byRole,
    requireFactorsOnceSetUp: o.requireFactorsOnceSetUp ?? true,
    getMFARequirementsForAuth: o.getMFARequirementsForAuth ?? defaultMfaRequirements,
    totp: {
      issuer: t.issuer ?? appName,
      period: wholeNumber("totp.period", t.period ?? 30, 15, 120, fail),
      skew: wholeNumber("totp.skew", t.skew ?? 1, 0, 5, fail),
      failuresPerUser: limit("totp.failuresPerUser", t.failuresPerUser ?? { points: 5, durationSeconds: 900 }, fail),
      checksPerClient: limit("totp.checksPerClient", t.checksPerClient ?? { points: 60, durationSeconds: 900 }, fail),
      maxUnverifiedDevices: wholeNumber("totp.maxUnverifiedDevices", t.maxUnverifiedDevices ?? 10, 1, 100, fail),
      maxDevices: wholeNumber("totp.maxDevices", t.maxDevices ?? 10, 1, 100, fail),
    },
    recoveryCodeCount: wholeNumber("recoveryCodeCount", o.recoveryCodeCount ?? 10, 1, 50, fail),
    stepUpSeconds: wholeNumber("stepUpSeconds", o.stepUpSeconds ?? 300, 0, 86_400, fail),
  };
}
