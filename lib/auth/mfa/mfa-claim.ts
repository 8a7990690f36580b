/**
 * The `st-mfa` claim: `{ c: { factorId: completedAtSeconds }, v }` in the access token, the shape
 * supertokens-web-js's MultiFactorAuthClaim reads (no `{ v, t }` wrapper, unlike the other
 * claims). `c` is kept in the session row's payload, so that refreshes carry it; `v` (are the
 * requirements met?) is worked out again at every issue, so that a requirement added by the
 * deployer or an admin reaches a session at its next refresh.
 */
import type { EngineContext } from "../context";
import { GatehouseError } from "../errors";
import { defaultMfaRequirements, type MfaRequirementList } from "../config-mfa";
import { MULTI_FACTOR_SIGN_INS } from "./factor-ids";
import { areRequirementsMet, nextFactors } from "./requirements";
import { PUBLIC_TENANT_ID } from "../organizations/organization-names";
import type { OrganizationRow } from "../ports/organization-store";

export const MFA_CLAIM = "st-mfa";

export interface MfaClaimValue {
  c: Record<string, number>;
  v: boolean;
}

/** The completed factors a session row's payload (or a token's) holds; malformed entries are ignored. */
export function completedFactorsOf(payload: Record<string, unknown>): Record<string, number> {
  const claim = payload[MFA_CLAIM] as { c?: unknown } | undefined;
  const c = claim && typeof claim === "object" && claim.c && typeof claim.c === "object" ? (claim.c as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(c).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

/** The payload with `completed` stored as the session's factors. */
export function withCompletedFactors(payload: Record<string, unknown>, completed: Record<string, number>): Record<string, unknown> {
  return { ...payload, [MFA_CLAIM]: { c: completed } };
}

/** The secondary factors the user has set up: today a verified TOTP device. */
export async function factorsSetUpFor(ctx: EngineContext, userId: string): Promise<string[]> {
  const devices = await ctx.stores.mfa.listTotpDevices(userId);
  return devices.some((device) => device.verified) ? ["totp"] : [];
}

export interface MfaState {
  requirements: MfaRequirementList;
  setUp: string[];
  met: boolean;
  next: string[];
}

/**
 * The secondary factors a session's tenant requires beside the app's: an organization's
 * `requiredSecondaryFactors` (docs/organizations.md), read at every issue like the app's, so a
 * change reaches its sessions at their next refresh. None for the public tenant.
 */
async function tenantRequiredFactors(ctx: EngineContext, tenantId: string, known?: OrganizationRow): Promise<string[]> {
  if (tenantId === PUBLIC_TENANT_ID) return [];
  const organization = known?.id === tenantId ? known : await ctx.stores.organizations.getOrganization(tenantId);
  return organization?.loginMethods?.requiredSecondaryFactors ?? [];
}

/**
 * The session's requirements as the config (or the deployer's hook) says, and where it stands.
 * `tenantId`: the session's tenant (its `tId`), whose required factors add to the app's;
 * `organization`: its row, when the caller just read it (a refresh).
 */
export async function mfaStateFor(
  ctx: EngineContext,
  userId: string,
  completed: Record<string, number>,
  tenantId: string = PUBLIC_TENANT_ID,
  organization?: OrganizationRow,
): Promise<MfaState> {
  const mfa = ctx.config.mfa;
  const setUp = await factorsSetUpFor(ctx, userId);
  const byRole = Object.keys(mfa.requiredSecondaryFactorsByRole).length > 0;
  // The deployer's hook is told the roles too (config-mfa.ts): a rule by role written there must
  // not meet an empty list and let the role's holders through without their factor.
  const readRoles = byRole || mfa.getMFARequirementsForAuth !== defaultMfaRequirements;
  const roles = readRoles ? await ctx.stores.roles.getRolesForUser(userId) : [];
  const required = new Set<string>([...mfa.requiredSecondaryFactors, ...(await tenantRequiredFactors(ctx, tenantId, organization))]);
  for (const role of roles) for (const factorId of mfa.requiredSecondaryFactorsByRole[role] ?? []) required.add(factorId);
  if (mfa.requireFactorsOnceSetUp) for (const factorId of setUp) required.add(factorId);
  let requirements: MfaRequirementList;
  try {
    requirements = await mfa.getMFARequirementsForAuth({
      userId,
      completedFactors: { ...completed },
      factorsSetUpForUser: [...setUp],
      requiredSecondaryFactorsForUser: [...required],
      roles,
      tenantId,
    });
  } catch (error) {
    throw new GatehouseError("HOOK_FAILED", `getMFARequirementsForAuth threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (!Array.isArray(requirements)) throw new GatehouseError("HOOK_FAILED", "getMFARequirementsForAuth must return an array");
  if (MULTI_FACTOR_SIGN_INS.some((factorId) => completed[factorId] !== undefined)) return { requirements, setUp, met: true, next: [] };
  return { requirements, setUp, met: areRequirementsMet(requirements, completed), next: nextFactors(requirements, completed, setUp) };
}

/** The claim value for a token of this session (of `tenantId`). */
export async function mfaClaimFor(
  ctx: EngineContext,
  userId: string,
  completed: Record<string, number>,
  tenantId?: string,
  organization?: OrganizationRow,
): Promise<MfaClaimValue> {
  const state = await mfaStateFor(ctx, userId, completed, tenantId, organization);
  return { c: completed, v: state.met };
}
