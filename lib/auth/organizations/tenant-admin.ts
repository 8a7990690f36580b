/**
 * The operator's view of organizations (admin API, dashboard, CLI): every organization and its
 * members, a tenant's login methods, and deletion without being a member. Audited with the
 * acting admin as `userId` when there is one (an API key or the CLI act as nobody).
 */
import type { EngineContext } from "../context";
import { pageLimit } from "../page-limit";
import { normaliseEmail } from "../emailpassword/credential-checks";
import { logAuthEvent } from "../log";
import type { OrganizationMemberRow, OrganizationRow, TenantLoginMethods, TenantProviderClient } from "../ports/organization-store";
import { FIRST_FACTOR_IDS, unrequirableFactorReason } from "../mfa/factor-ids";
import { sealTenantClientSecret } from "../thirdparty/tenant-client-secret";
import type { ChangeMemberResult } from "../ports";
import { removeMemberAndTheirSessions } from "./member-removal";
import { deleteOrganizationAndItsSessions } from "./organization-deletion";
import { isOrganizationId } from "./organization-names";

export const MAX_ORGANIZATION_PAGE_SIZE = 500;
// Internationalised labels (bücher.example) are written as they are mailed to, in Unicode;
// capitals stay refused (checked apart, as \p{L} has them).
const DOMAIN_PATTERN =
  /^(?=.{1,253}$)[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?)+$/u;
const isDomain = (d: unknown) => typeof d === "string" && DOMAIN_PATTERN.test(d) && d === d.toLowerCase();
const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
/**
 * The fields there are, as the admin API's schema has them. The CLI takes free JSON, and a field
 * this does not know was stored and read by nothing: `{"signUpOpen":true,"allowedEmailDomain":[…]}`
 * opened sign-up to every address while the operator meant one domain.
 */
const LOGIN_METHOD_FIELDS = new Set(["firstFactors", "thirdPartyProviders", "requiredSecondaryFactors", "signUpOpen", "allowedEmailDomains"]);
const PROVIDER_CLIENT_FIELDS = new Set(["id", "clientId", "clientSecret"]);
const onlyFields = (value: object, fields: Set<string>) => Object.keys(value).every((key) => fields.has(key));

/** A page of organizations ordered by slug, and the slug to continue after. */
export async function listOrganizationsPage(
  ctx: EngineContext,
  input: { limit?: number; afterId?: string } = {},
): Promise<{ organizations: OrganizationRow[]; nextAfterId?: string }> {
  const limit = pageLimit(input.limit, { defaultSize: 100, max: MAX_ORGANIZATION_PAGE_SIZE });
  // One extra row says whether another page exists.
  const rows = await ctx.stores.organizations.listOrganizations({ limit: limit + 1, afterId: input.afterId });
  const organizations = rows.slice(0, limit);
  return { organizations, ...(rows.length > limit && { nextAfterId: organizations[organizations.length - 1]!.id }) };
}

/** How many members each organization has (the dashboard's listing); absent: none. */
export async function countOrganizationMembers(ctx: EngineContext, organizationIds: string[]): Promise<Map<string, number>> {
  return ctx.stores.organizations.countMembers(organizationIds);
}

export async function getOrganizationWithMembers(
  ctx: EngineContext,
  organizationId: string,
): Promise<{ status: "OK"; organization: OrganizationRow; members: OrganizationMemberRow[] } | { status: "UNKNOWN_ORGANIZATION" }> {
  // What is no slug names none, and is not asked of the store (organizations.ts, membershipOf).
  if (!isOrganizationId(organizationId)) return { status: "UNKNOWN_ORGANIZATION" };
  const organization = await ctx.stores.organizations.getOrganization(organizationId);
  if (!organization) return { status: "UNKNOWN_ORGANIZATION" };
  return { status: "OK", organization, members: await ctx.stores.organizations.listMembers(organizationId) };
}

/**
 * Whether the tenant's required second factors are enforced; undefined when it requires none.
 * False when MFA is off in the configuration: stored while it was on (setTenantLoginMethods
 * refuses them while off), they ask nothing of anyone until it is on again.
 */
export function requiredSecondaryFactorsEnforced(
  config: { mfa: { enabled: boolean } },
  loginMethods: TenantLoginMethods | null,
): boolean | undefined {
  return loginMethods?.requiredSecondaryFactors?.length ? config.mfa.enabled : undefined;
}

const filled = (value: unknown): value is string => typeof value === "string" && value.trim() !== "" && value.length <= 2048;

function checkProviderEntry(entry: string | TenantProviderClient): boolean {
  if (typeof entry === "string") return PROVIDER_ID_PATTERN.test(entry);
  if (typeof entry !== "object" || entry === null || !onlyFields(entry, PROVIDER_CLIENT_FIELDS)) return false;
  return PROVIDER_ID_PATTERN.test(entry.id) && filled(entry.clientId) && filled(entry.clientSecret);
}

/** What is wrong with a tenant's login methods, or undefined. Domains are compared lower-case, so they must be written so. */
export function checkLoginMethods(value: TenantLoginMethods): string | undefined {
  // The CLI hands over any JSON: what is no object, or a list that is no list (null included,
  // which sign-in would throw on), is refused here rather than thrown on later.
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "loginMethods: an object, or null";
  const unknown = Object.keys(value).find((key) => !LOGIN_METHOD_FIELDS.has(key));
  if (unknown !== undefined) return `${JSON.stringify(unknown)}: no such field (${[...LOGIN_METHOD_FIELDS].join(", ")})`;
  const notAList = (list: unknown) => list !== undefined && !Array.isArray(list);
  const lists = [value.firstFactors, value.thirdPartyProviders, value.requiredSecondaryFactors, value.allowedEmailDomains];
  if (lists.some(notAList)) return "firstFactors, thirdPartyProviders, requiredSecondaryFactors, allowedEmailDomains: lists";
  if (value.signUpOpen !== undefined && typeof value.signUpOpen !== "boolean") return "signUpOpen: true or false";
  if (value.firstFactors && !value.firstFactors.every((f) => (FIRST_FACTOR_IDS as readonly string[]).includes(f))) {
    return `firstFactors: each one of ${FIRST_FACTOR_IDS.join(", ")}`;
  }
  if (value.thirdPartyProviders && !value.thirdPartyProviders.every(checkProviderEntry)) {
    return "thirdPartyProviders: provider ids, or { id, clientId, clientSecret } for the tenant's own client";
  }
  const ids = value.thirdPartyProviders?.map((p) => (typeof p === "string" ? p : p.id)) ?? [];
  if (new Set(ids).size !== ids.length) return "thirdPartyProviders: each provider once";
  const unrequirable = value.requiredSecondaryFactors?.map((id) => unrequirableFactorReason(String(id))).find((reason) => reason !== undefined);
  if (unrequirable) return `requiredSecondaryFactors: ${unrequirable}`;
  if (value.allowedEmailDomains && !value.allowedEmailDomains.every(isDomain)) {
    return "allowedEmailDomains: lower-case domain names such as example.com";
  }
  return undefined;
}

/**
 * A tenant's login methods as operators see them: a provider's client secret is never shown
 * (the admin API, the CLI); `hasClientSecret` says one is set.
 */
export function redactLoginMethods(value: TenantLoginMethods | null): Record<string, unknown> | null {
  if (!value?.thirdPartyProviders) return value as Record<string, unknown> | null;
  const thirdPartyProviders = value.thirdPartyProviders.map((p) =>
    typeof p === "string" ? p : { id: p.id, clientId: p.clientId, hasClientSecret: true },
  );
  return { ...value, thirdPartyProviders };
}

/** Sets a tenant's login methods (null: as the public tenant). */
export async function setTenantLoginMethods(
  ctx: EngineContext,
  input: { organizationId: string; loginMethods: TenantLoginMethods | null; adminUserId?: string },
): Promise<{ status: "OK" } | { status: "UNKNOWN_ORGANIZATION" } | { status: "LOGIN_METHODS_INVALID"; message: string }> {
  // Another spelling of the slug is no organization (organization-names.ts): its secrets would be sealed to the wrong id.
  if (!isOrganizationId(input.organizationId)) return { status: "UNKNOWN_ORGANIZATION" };
  // A factor the app cannot ask for would lock the tenant's users out silently: refused instead.
  if (input.loginMethods?.requiredSecondaryFactors?.length && !ctx.config.mfa.enabled) {
    return { status: "LOGIN_METHODS_INVALID", message: "requiredSecondaryFactors: MFA is off in the configuration (mfa)" };
  }
  const problem = input.loginMethods && checkLoginMethods(input.loginMethods);
  if (problem) return { status: "LOGIN_METHODS_INVALID", message: problem };
  const loginMethods = input.loginMethods && (await withSealedClientSecrets(ctx, input.organizationId, withNfcDomains(input.loginMethods)));
  if (!(await ctx.stores.organizations.updateOrganization(input.organizationId, { loginMethods }))) {
    return { status: "UNKNOWN_ORGANIZATION" };
  }
  logAuthEvent(ctx, "organization.tenant_configured", { userId: input.adminUserId, organizationId: input.organizationId });
  return { status: "OK" };
}

/** The domains kept in the one form they are compared in (NFC: see normaliseEmail). */
function withNfcDomains(value: TenantLoginMethods): TenantLoginMethods {
  return value.allowedEmailDomains ? { ...value, allowedEmailDomains: value.allowedEmailDomains.map(normaliseEmail) } : value;
}

/** The login methods as they are stored: each of the tenant's own client secrets sealed (tenant-client-secret.ts). */
async function withSealedClientSecrets(ctx: EngineContext, organizationId: string, value: TenantLoginMethods): Promise<TenantLoginMethods> {
  if (!value.thirdPartyProviders) return value;
  const thirdPartyProviders = await Promise.all(
    value.thirdPartyProviders.map(async (entry) =>
      typeof entry === "string"
        ? entry
        : { ...entry, clientSecret: await sealTenantClientSecret(ctx.keys, { secret: entry.clientSecret, organizationId, providerId: entry.id }) },
    ),
  );
  return { ...value, thirdPartyProviders };
}

/** Deletes an organization as an operator (no confirmation: the admin API and CLI ask their own), and the sessions inside it. */
export async function adminDeleteOrganization(
  ctx: EngineContext,
  input: { organizationId: string; adminUserId?: string },
): Promise<{ status: "OK" } | { status: "UNKNOWN_ORGANIZATION" }> {
  if ((await deleteOrganizationAndItsSessions(ctx, input.organizationId)) === null) return { status: "UNKNOWN_ORGANIZATION" };
  logAuthEvent(ctx, "organization.deleted", { userId: input.adminUserId, organizationId: input.organizationId, reason: "ADMIN" });
  return { status: "OK" };
}

/**
 * Removes a member as an operator (the admin API, the CLI): as an owner's or admin's removal
 * does, their sessions inside the organization end with the membership (member-removal.ts). The
 * owner cannot be removed (MEMBER_IS_OWNER): an organization always has one, so its ownership is
 * transferred first, or the organization deleted.
 */
export async function adminRemoveMember(
  ctx: EngineContext,
  input: { organizationId: string; memberId: string; adminUserId?: string },
): Promise<{ status: "OK"; revokedSessionCount: number } | { status: "UNKNOWN_ORGANIZATION" } | Exclude<ChangeMemberResult, { status: "OK" }>> {
  const removed = await removeMemberAndTheirSessions(ctx, { organizationId: input.organizationId, userId: input.memberId, reason: "MEMBER_REMOVED" });
  if (removed.status === "NOT_A_MEMBER" && !(await ctx.stores.organizations.getOrganization(input.organizationId))) {
    return { status: "UNKNOWN_ORGANIZATION" };
  }
  if (removed.status !== "OK") return removed;
  logAuthEvent(ctx, "organization.member_removed", {
    userId: input.adminUserId,
    organizationId: input.organizationId,
    memberId: input.memberId,
    reason: "ADMIN",
  });
  return { status: "OK", revokedSessionCount: removed.revokedSessionHandles.length };
}
