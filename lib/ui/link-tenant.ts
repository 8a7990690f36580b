import { checkSlug } from "../auth/organizations/organization-names";

/**
 * The FDI path for a step that an emailed link started. A link issued under an organization's
 * tenant carries `tenantId=<slug>` (its token or code is bound to that tenant), so the built-in
 * page must post under `/<slug>` too; a link without one, or naming "public", posts to the bare
 * path as before. Anything that is not an organization's slug is ignored (the link is then
 * refused as any wrong token is), so a crafted query cannot point the request at another path.
 */
export function pathForLink(path: string, search: string): string {
  const tenantId = new URLSearchParams(search).get("tenantId");
  if (!tenantId || checkSlug(tenantId) !== undefined) return path;
  return `/${tenantId}${path}`;
}
