/**
 * Tenants: the sign-in view of organizations (docs/organizations.md). A tenant id in a request
 * path is an organization's slug, or "public", the default every user belongs to. A tenant's
 * login methods are its row's `loginMethods` over the public tenant's (the configuration);
 * sign-up through an organization's tenant is closed unless it says `signUpOpen: true`.
 */
import type { PasswordlessFlowType } from "../config";
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import type { FirstFactorId } from "../mfa/factor-ids";
import type { OrganizationRow, TenantLoginMethods, TenantProviderClient } from "../ports/organization-store";
import { isEmailDomainAllowed } from "./email-domains";
import { PUBLIC_TENANT_ID } from "./organization-names";

/** The FDI's first-factor ids (mfa/factor-ids.ts). */
export type FirstFactor = FirstFactorId;

export interface Tenant {
  id: string;
  /** Null for the public tenant. */
  organization: OrganizationRow | null;
  firstFactors: FirstFactor[];
  /** Ids and names of the providers offered here. */
  providers: { id: string; name: string }[];
  /** The tenant's own clients at providers, by provider id, secrets as stored (thirdparty/tenant-providers.ts opens them). */
  providerClients: Record<string, Omit<TenantProviderClient, "id">>;
  signUpOpen: boolean;
  allowedEmailDomains: string[] | undefined;
  /** Secondary factors its sessions must complete beside the app's (mfa/mfa-claim.ts). */
  requiredSecondaryFactors: string[];
}

const providerIdOf = (entry: string | TenantProviderClient) => (typeof entry === "string" ? entry : entry.id);

/** The first factors the configuration turns on: the public tenant's, and the most any tenant can have. */
export function configuredFirstFactors(ctx: EngineContext): FirstFactor[] {
  const factors: FirstFactor[] = ["emailpassword"];
  if (ctx.config.thirdParty.providers.length > 0) factors.push("thirdparty");
  const { passwordless } = ctx.config;
  if (passwordless.enabled) {
    const email = passwordless.contactMethod !== "PHONE";
    const phone = passwordless.contactMethod !== "EMAIL";
    const code = passwordless.flowType !== "MAGIC_LINK";
    const link = passwordless.flowType !== "USER_INPUT_CODE";
    if (code && email) factors.push("otp-email");
    if (code && phone) factors.push("otp-phone");
    if (link && email) factors.push("link-email");
    if (link && phone) factors.push("link-phone");
  }
  if (ctx.config.webauthn.enabled) factors.push("webauthn");
  return factors;
}

function effective(ctx: EngineContext, id: string, organization: OrganizationRow | null, own: TenantLoginMethods | null): Tenant {
  const configured = configuredFirstFactors(ctx);
  // A tenant can narrow the configuration, never widen it: a factor or provider the app does not run stays off.
  const firstFactors = own?.firstFactors ? configured.filter((f) => own.firstFactors!.includes(f)) : configured;
  const allProviders = ctx.config.thirdParty.providers.map((p) => ({ id: p.id, name: p.name }));
  const offered = own?.thirdPartyProviders?.map(providerIdOf);
  const providers = offered ? allProviders.filter((p) => offered.includes(p.id)) : allProviders;
  const providerClients = Object.fromEntries(
    (own?.thirdPartyProviders ?? [])
      .filter((entry): entry is TenantProviderClient => typeof entry !== "string")
      .map(({ id: providerId, clientId, clientSecret }) => [providerId, { clientId, clientSecret }]),
  );
  return {
    id,
    organization,
    firstFactors,
    providers: firstFactors.includes("thirdparty") ? providers : [],
    providerClients,
    signUpOpen: organization === null ? true : own?.signUpOpen === true,
    allowedEmailDomains: own?.allowedEmailDomains,
    requiredSecondaryFactors: own?.requiredSecondaryFactors ?? [],
  };
}

/**
 * The passwordless flow the tenant runs for an email or a phone number (its `otp-*` and
 * `link-*` factors), or null when it takes none of that kind. For the public tenant this is the
 * configuration's flow wherever its contact method allows the kind.
 */
export function passwordlessFlowOf(tenant: Tenant, kind: "email" | "phone"): PasswordlessFlowType | null {
  const code = tenant.firstFactors.includes(`otp-${kind}`);
  const link = tenant.firstFactors.includes(`link-${kind}`);
  if (code && link) return "USER_INPUT_CODE_AND_MAGIC_LINK";
  return code ? "USER_INPUT_CODE" : link ? "MAGIC_LINK" : null;
}

/** An organization's tenant, from its row as read. */
export function tenantOfOrganization(ctx: EngineContext, organization: OrganizationRow): Tenant {
  return effective(ctx, organization.id, organization, organization.loginMethods);
}

/** The tenant named in a request, or TENANT_NOT_FOUND_ERROR. Absent means public. */
export async function resolveTenant(
  ctx: EngineContext,
  tenantId: string | undefined,
): Promise<{ status: "OK"; tenant: Tenant } | { status: "TENANT_NOT_FOUND_ERROR" }> {
  if (tenantId === undefined || tenantId === PUBLIC_TENANT_ID) return { status: "OK", tenant: effective(ctx, PUBLIC_TENANT_ID, null, null) };
  const organization = await ctx.stores.organizations.getOrganization(tenantId);
  if (!organization) return { status: "TENANT_NOT_FOUND_ERROR" };
  return { status: "OK", tenant: tenantOfOrganization(ctx, organization) };
}

/** Who asks to enter a tenant: the user row, or the new account a sign-up is about to make. */
export interface TenantEntrant {
  id: string;
  email: string | null;
  /** Whether the user has proven `email` (verification link, passwordless code, a provider's word, an accepted invitation). */
  emailVerified: boolean;
}

/**
 * Why a new account with this (normalised) email may not be made through the tenant, or null
 * when it may. An account that will own no address (a phone number, a provider's unverified
 * email) has "" here: it may join only a tenant that has no domain rule.
 *
 * Joining by email domain takes a proven address. `allowedEmailDomains` is the organization
 * saying "whoever owns an address of ours is one of us"; an address nobody has proven says
 * nothing about its owner. Without this, anyone could sign up with a password (or a passkey) as
 * ceo@acme.com, never verify it, and be a member of Acme's organization: its member list, and
 * the `tId`/`gh-org` claims a deployer authorises Acme's data on. "EMAIL_UNVERIFIED": the tenant
 * would take the address once it is verified.
 */
export function signUpRefusal(tenant: Tenant, email: string, emailVerified: boolean): "CLOSED" | "EMAIL_UNVERIFIED" | null {
  if (!tenant.signUpOpen || !isEmailDomainAllowed({ allowedEmailDomains: tenant.allowedEmailDomains }, email)) return "CLOSED";
  if (hasDomainRule(tenant) && !emailVerified) return "EMAIL_UNVERIFIED";
  return null;
}

/** Whether a new account with this email, proven or not, may be made through the tenant (signUpRefusal). */
export function maySignUpThrough(tenant: Tenant, email: string, emailVerified: boolean): boolean {
  return signUpRefusal(tenant, email, emailVerified) === null;
}

/** A tenant that takes sign-ups from some email domains only: membership by domain, which needs a proven address. */
function hasDomainRule(tenant: Tenant): boolean {
  return tenant.allowedEmailDomains !== undefined;
}

/**
 * Whether the user may enter the tenant, changing nothing: anyone the public tenant; an
 * organization's, a member, or a non-member where sign-up is open to their email (verified,
 * where the tenant has a domain rule: signUpRefusal). An email outside the allowed domains is
 * refused even for a member (the domain rule is the tenant's policy, not only the door). Asked
 * before a sign-in writes anything (a linked identity, a reset link), so that a refusal leaves
 * no trace.
 */
export async function mayEnterTenant(ctx: EngineContext, tenant: Tenant, user: TenantEntrant): Promise<boolean> {
  if (tenant.organization === null) return true;
  const email = user.email ?? "";
  if (!isEmailDomainAllowed({ allowedEmailDomains: tenant.allowedEmailDomains }, email)) return false;
  return (await ctx.stores.organizations.getMembership(tenant.id, user.id)) !== null || maySignUpThrough(tenant, email, user.emailVerified);
}

/**
 * Whether a user whose credentials were just proven may sign in to the tenant (mayEnterTenant);
 * a non-member let in by open sign-up joins as a member.
 */
export async function admitToTenant(ctx: EngineContext, tenant: Tenant, user: TenantEntrant): Promise<boolean> {
  if (tenant.organization === null) return true;
  const email = user.email ?? "";
  if (!isEmailDomainAllowed({ allowedEmailDomains: tenant.allowedEmailDomains }, email)) return false;
  if (await ctx.stores.organizations.getMembership(tenant.id, user.id)) return true;
  if (!maySignUpThrough(tenant, email, user.emailVerified)) return false;
  const joined = await ctx.stores.organizations.addMember({ organizationId: tenant.id, userId: user.id, role: "member", joinedAt: ctx.now() });
  if (joined.status === "OK") logAuthEvent(ctx, "organization.member_joined", { userId: user.id, organizationId: tenant.id, role: "member" });
  return joined.status !== "UNKNOWN_ORGANIZATION_OR_USER";
}

/** The `tId` claim of a session, with "public" for sessions that carry none. */
export function tenantOfPayload(payload: Record<string, unknown>): string {
  return typeof payload.tId === "string" ? payload.tId : PUBLIC_TENANT_ID;
}
