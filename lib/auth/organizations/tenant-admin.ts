/**
 * The operator's view of organizations (admin API, dashboard, CLI): every organization and its
 * members, a tenant's login methods, and deletion without being a member. Audited with the
 * acting admin as `userId` when there is one (an API key or the CLI act as nobody).
 */
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import type { OrganizationMemberRow, OrganizationRow, TenantLoginMethods } from "../ports/organization-store";
import type { FirstFactor } from "./tenants";

export const MAX_ORGANIZATION_PAGE_SIZE = 500;
const FIRST_FACTORS: readonly FirstFactor[] = ["emailpassword", "thirdparty", "otp-email", "otp-phone", "link-email", "link-phone"];
const DOMAIN_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** A page of organizations ordered by slug, and the slug to continue after. */
export async function listOrganizationsPage(
  ctx: EngineContext,
  input: { limit?: number; afterId?: string } = {},
): Promise<{ organizations: OrganizationRow[]; nextAfterId?: string }> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 100), 1), MAX_ORGANIZATION_PAGE_SIZE);
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
  const organization = await ctx.stores.organizations.getOrganization(organizationId);
  if (!organization) return { status: "UNKNOWN_ORGANIZATION" };
  return { status: "OK", organization, members: await ctx.stores.organizations.listMembers(organizationId) };
}

/** What is wrong with a tenant's login methods, or undefined. Domains are compared lower-case, so they must be written so. */
export function checkLoginMethods(value: TenantLoginMethods): string | undefined {
  if (value.firstFactors && !value.firstFactors.every((f) => (FIRST_FACTORS as readonly string[]).includes(f))) {
    return `firstFactors: each one of ${FIRST_FACTORS.join(", ")}`;
  }
  if (value.thirdPartyProviders && !value.thirdPartyProviders.every((p) => PROVIDER_ID_PATTERN.test(p))) return "thirdPartyProviders: provider ids";
  if (value.allowedEmailDomains && !value.allowedEmailDomains.every((d) => DOMAIN_PATTERN.test(d))) {
    return "allowedEmailDomains: lower-case domain names such as example.com";
  }
  return undefined;
}

/** Sets a tenant's login methods (null: as the public tenant). */
export async function setTenantLoginMethods(
  ctx: EngineContext,
  input: { organizationId: string; loginMethods: TenantLoginMethods | null; adminUserId?: string },
): Promise<{ status: "OK" } | { status: "UNKNOWN_ORGANIZATION" } | { status: "LOGIN_METHODS_INVALID"; message: string }> {
  const problem = input.loginMethods && checkLoginMethods(input.loginMethods);
  if (problem) return { status: "LOGIN_METHODS_INVALID", message: problem };
  if (!(await ctx.stores.organizations.updateOrganization(input.organizationId, { loginMethods: input.loginMethods }))) {
    return { status: "UNKNOWN_ORGANIZATION" };
  }
  logAuthEvent(ctx, "organization.tenant_configured", { userId: input.adminUserId, organizationId: input.organizationId });
  return { status: "OK" };
}

/** Deletes an organization as an operator (no confirmation: the admin API and CLI ask their own). */
export async function adminDeleteOrganization(
  ctx: EngineContext,
  input: { organizationId: string; adminUserId?: string },
): Promise<{ status: "OK" } | { status: "UNKNOWN_ORGANIZATION" }> {
  if (!(await ctx.stores.organizations.deleteOrganization(input.organizationId))) return { status: "UNKNOWN_ORGANIZATION" };
  logAuthEvent(ctx, "organization.deleted", { userId: input.adminUserId, organizationId: input.organizationId, reason: "ADMIN" });
  return { status: "OK" };
}
