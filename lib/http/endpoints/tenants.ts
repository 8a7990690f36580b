import type { EngineContext } from "../../auth/context";
import { json } from "../respond";
import { requestTenant } from "../tenant";

/**
 * GET /<tenantId>/loginmethods (and /loginmethods for "public"): the tenant's first factors and
 * providers, in the FDI's shape (both the per-recipe `enabled` flags and `firstFactors`).
 */
export async function handleLoginMethods(ctx: EngineContext, _request: Request, params: Record<string, string>): Promise<Response> {
  const found = await requestTenant(ctx, params);
  if (!found.ok) return found.response;
  const { firstFactors, providers } = found.tenant;
  return json({
    status: "OK",
    emailPassword: { enabled: firstFactors.includes("emailpassword") },
    thirdParty: { enabled: firstFactors.includes("thirdparty"), providers },
    passwordless: { enabled: firstFactors.some((f) => f.startsWith("otp-") || f.startsWith("link-")) },
    firstFactors,
  });
}
