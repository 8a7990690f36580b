/**
 * The tenant of a request: the `/<tenantId>` segment routes.ts took off the path (params.tenantId),
 * or the public tenant. One place answers an unknown tenant, a sign-in method the tenant has
 * switched off, and a session of another tenant; every tenant-aware endpoint asks here.
 */
import type { EngineContext } from "../auth/context";
import { resolveTenant, tenantOfPayload, type FirstFactor, type Tenant } from "../auth/organizations/tenants";
import type { VerifiedSession } from "../auth/session/session";
import { MESSAGE } from "../auth/wire-codes";
import { json, notFound } from "./respond";
import { answerUnauthorised } from "./session-errors";

export type TenantLookup = { ok: true; tenant: Tenant } | { ok: false; response: Response };

/** The request's tenant; with `factor`, 404 unless the tenant has it (or, for a list, one of them) on. */
export async function requestTenant(
  ctx: EngineContext,
  params: Record<string, string>,
  factor?: FirstFactor | readonly FirstFactor[],
): Promise<TenantLookup> {
  const resolved = await resolveTenant(ctx, params.tenantId);
  if (resolved.status !== "OK") return { ok: false, response: json({ status: "TENANT_NOT_FOUND_ERROR", message: MESSAGE.TENANT_NOT_FOUND }, 404) };
  const wanted = factor === undefined ? [] : typeof factor === "string" ? [factor] : factor;
  // A method the tenant has off answers as a path that does not exist, as a method the app has off does.
  if (wanted.length > 0 && !wanted.some((f) => resolved.tenant.firstFactors.includes(f))) return { ok: false, response: notFound() };
  return { ok: true, tenant: resolved.tenant };
}

/**
 * A session used under an organization's tenant must be of that tenant (its `tId`): a session of
 * tenant A is no session on tenant B, and is answered as no session at all. The public tenant's
 * paths (no segment, or `/public`) take every session, as they did before tenants.
 */
export async function sessionOutsideTenant(ctx: EngineContext, request: Request, tenant: Tenant, session: VerifiedSession): Promise<Response | null> {
  return sessionIsOfTenant(tenant, session) ? null : answerUnauthorised(ctx, request);
}

/**
 * Whether the session counts under the tenant (see sessionOutsideTenant). An access token minted
 * before the organization was created is of another organization that had its slug, since
 * deleted: its `tId` names this one only by the slug's reuse, so it does not count here (the
 * refresh refuses its session: organizations/tenant-session.ts). Compared in whole seconds, the
 * token's `iat`.
 */
export function sessionIsOfTenant(tenant: Tenant, session: VerifiedSession): boolean {
  if (tenant.organization === null) return true;
  if (tenantOfPayload(session.accessTokenPayload) !== tenant.id) return false;
  return session.accessTokenPayload.iat >= Math.floor(tenant.organization.createdAt.getTime() / 1000);
}
