/**
 * The tenant of a request: the `/<tenantId>` segment routes.ts took off the path (params.tenantId),
 * or the public tenant. One place answers an unknown tenant and a sign-in method the tenant
 * has switched off.
 */
import type { EngineContext } from "../auth/context";
import { resolveTenant, type FirstFactor, type Tenant } from "../auth/organizations/tenants";
import { MESSAGE } from "../auth/wire-codes";
import { json, notFound } from "./respond";

export async function requestTenant(
  ctx: EngineContext,
  params: Record<string, string>,
  factor?: FirstFactor,
): Promise<{ ok: true; tenant: Tenant } | { ok: false; response: Response }> {
  const resolved = await resolveTenant(ctx, params.tenantId);
  if (resolved.status !== "OK") return { ok: false, response: json({ status: "TENANT_NOT_FOUND_ERROR", message: MESSAGE.TENANT_NOT_FOUND }, 404) };
  // A method the tenant has off answers as a path that does not exist, as a method the app has off does.
  if (factor && !resolved.tenant.firstFactors.includes(factor)) return { ok: false, response: notFound() };
  return { ok: true, tenant: resolved.tenant };
}
