/**
 * How a session was signed in, kept in its stored payload (never in its tokens) under a key the
 * deployer may not set, so that a switch into an organization (active-organization.ts) asks what
 * signing in to its tenant would have asked: a first factor the tenant allows, one of its
 * providers, and its own client at that provider. Without it a password session of the public
 * tenant could switch into an organization that lets people in through its single sign-on only.
 * The record is written once, when the session starts, and refreshes keep it with the payload.
 */
import type { SignInUpContext } from "../config";
import type { EngineContext } from "../context";
import { FIRST_FACTOR_IDS, firstFactorOf, type FirstFactorId, type PasswordlessProof } from "../mfa/factor-ids";
import { PUBLIC_TENANT_ID } from "./organization-names";
import { configuredFirstFactors, type Tenant } from "./tenants";

/** The key in the session's stored payload; protected (session/deployer-payload.ts). */
export const SIGN_IN_RECORD_KEY = "gh-signin";

export interface SignInRecord {
  /** The first factor (mfa/factor-ids.ts): a passwordless code records `otp-*`, a link `link-*`. */
  factor: FirstFactorId;
  /** The provider of a third-party sign-in. */
  provider?: string;
  /** The tenant signed in under: its own client at the provider, if it has one, was the one used. */
  tenant: string;
  /**
   * 2 where code and link are told apart. Records written before that have none, and their
   * `otp-*` stood for a code or a link alike: either factor of its kind admits them still.
   */
  v?: 2;
}

export function signInRecordOf(context: SignInUpContext, tenantId: string | undefined, proof?: PasswordlessProof): SignInRecord {
  return {
    factor: firstFactorOf(context, proof),
    ...(context.method === "thirdparty" && { provider: context.thirdPartyId }),
    tenant: tenantId ?? PUBLIC_TENANT_ID,
    v: 2,
  };
}

/** The record of a stored payload; null for a session made before records were kept (or without a sign-in). */
export function signInRecordOfPayload(payload: Record<string, unknown>): SignInRecord | null {
  const record = payload[SIGN_IN_RECORD_KEY] as Partial<SignInRecord> | undefined;
  if (!record || typeof record !== "object" || typeof record.tenant !== "string") return null;
  if (!(FIRST_FACTOR_IDS as readonly unknown[]).includes(record.factor)) return null;
  if (record.provider !== undefined && typeof record.provider !== "string") return null;
  return {
    factor: record.factor!,
    tenant: record.tenant,
    ...(record.provider !== undefined && { provider: record.provider }),
    ...(record.v === 2 && { v: 2 as const }),
  };
}

/**
 * Whether the tenant lets in every sign-in the configuration offers: then any session meets it,
 * a session with no record too (as before records were kept).
 */
function narrowsSignIn(ctx: EngineContext, tenant: Tenant): boolean {
  if (tenant.firstFactors.length < configuredFirstFactors(ctx).length) return true;
  if (tenant.firstFactors.includes("thirdparty") && tenant.providers.length < ctx.config.thirdParty.providers.length) return true;
  return Object.keys(tenant.providerClients).length > 0;
}

/**
 * Whether a session signed in as `record` could have signed in to `tenant`. A passwordless
 * sign-in needs its own factor on there: a code (`otp-*`) or a link (`link-*`), as signing in
 * would; a record from before the two were told apart, either of its kind. A third-party sign-in must be with one of the tenant's providers, and
 * where the tenant has its own client at that provider (its organization's IdP app), under the
 * tenant itself: the app's client does not prove what the tenant's does.
 */
export function signInMeetsTenant(ctx: EngineContext, tenant: Tenant, record: SignInRecord | null): boolean {
  if (tenant.organization === null || !narrowsSignIn(ctx, tenant)) return true;
  if (!record) return false;
  const legacyKind = record.v === undefined ? (record.factor === "otp-email" ? "email" : record.factor === "otp-phone" ? "phone" : null) : null;
  const allowed = tenant.firstFactors.includes(record.factor) || (legacyKind !== null && tenant.firstFactors.includes(`link-${legacyKind}`));
  if (!allowed) return false;
  if (record.factor !== "thirdparty") return true;
  if (!record.provider || !tenant.providers.some((provider) => provider.id === record.provider)) return false;
  return !Object.hasOwn(tenant.providerClients, record.provider) || record.tenant === tenant.id;
}
