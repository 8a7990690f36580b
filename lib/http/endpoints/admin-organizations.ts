/**
 * Organizations (tenants) over the admin API: list them, one with its members, set a tenant's
 * login methods, remove a member, delete one. The same as `npm run gatehouse -- organizations …`; audited
 * (lib/auth/organizations/tenant-admin.ts).
 */
import { z } from "zod";
import type { EngineContext } from "../../auth/context";
import { FIRST_FACTOR_IDS } from "../../auth/mfa/factor-ids";
import type { OrganizationMemberRow, OrganizationRow, TenantLoginMethods } from "../../auth/ports/organization-store";
import {
  adminDeleteOrganization,
  adminRemoveMember,
  getOrganizationWithMembers,
  listOrganizationsPage,
  MAX_ORGANIZATION_PAGE_SIZE,
  redactLoginMethods,
  requiredSecondaryFactorsEnforced,
  setTenantLoginMethods,
} from "../../auth/organizations/tenant-admin";
import { asAdmin } from "../admin-auth";
import { parseBody, readWholeNumberParam } from "../parse";
import { badInput, json } from "../respond";

const organizationJson = (ctx: EngineContext, o: OrganizationRow) => {
  // Present when the tenant requires a second factor: false while MFA is off, which nothing enforces then.
  const enforced = requiredSecondaryFactorsEnforced(ctx.config, o.loginMethods);
  return {
    id: o.id,
    name: o.name,
    loginMethods: redactLoginMethods(o.loginMethods),
    ...(enforced !== undefined && { requiredSecondaryFactorsEnforced: enforced }),
    createdAt: o.createdAt.getTime(),
  };
};
const memberJson = (m: OrganizationMemberRow) => ({ userId: m.userId, role: m.role, joinedAt: m.joinedAt.getTime() });
const unknown = () => json({ status: "UNKNOWN_ORGANIZATION" }, 404);

const list = (max: number) => z.array(z.string().min(1).max(253)).max(max);
// Bounded here; whether the fields are all there is the engine's check (LOGIN_METHODS_INVALID).
const providerClient = z
  .object({ id: z.string().max(64), clientId: z.string().max(2048).optional(), clientSecret: z.string().max(2048).optional() })
  .strict();
const loginMethodsBody = z
  .object({
    loginMethods: z
      .object({
        firstFactors: list(FIRST_FACTOR_IDS.length).optional(),
        thirdPartyProviders: z
          .array(z.union([z.string().min(1).max(253), providerClient]))
          .max(50)
          .optional(),
        requiredSecondaryFactors: list(3).optional(),
        signUpOpen: z.boolean().optional(),
        allowedEmailDomains: list(100).optional(),
      })
      .strict()
      .nullable(),
  })
  .strict();

/** GET /admin/organizations?limit=&after= → a page ordered by slug, and `nextAfter` when there is more. */
const handleList = asAdmin(async (ctx, request) => {
  const query = new URL(request.url).searchParams;
  const limit = readWholeNumberParam(query, "limit", { min: 1, max: MAX_ORGANIZATION_PAGE_SIZE });
  if (!limit.ok) return limit.response;
  const after = query.get("after") ?? undefined;
  if (after !== undefined && after.length > 63) return badInput("after must be a slug");
  const page = await listOrganizationsPage(ctx, { limit: limit.value, afterId: after });
  return json({
    status: "OK",
    organizations: page.organizations.map((o) => organizationJson(ctx, o)),
    ...(page.nextAfterId && { nextAfter: page.nextAfterId }),
  });
});

const handleGet = asAdmin(async (ctx, _request, { organizationId }) => {
  const found = await getOrganizationWithMembers(ctx, organizationId!);
  if (found.status !== "OK") return unknown();
  return json({ status: "OK", organization: organizationJson(ctx, found.organization), members: found.members.map(memberJson) });
});

/** PUT /admin/organizations/:organizationId/login-methods {loginMethods} (null: as the public tenant). */
const handleSetLoginMethods = asAdmin(async (ctx, request, { organizationId }) => {
  const body = await parseBody(request, loginMethodsBody);
  if (!body.ok) return body.response;
  const loginMethods = body.value.loginMethods as TenantLoginMethods | null;
  const result = await setTenantLoginMethods(ctx, { organizationId: organizationId!, loginMethods });
  if (result.status === "UNKNOWN_ORGANIZATION") return unknown();
  return json(result, result.status === "OK" ? 200 : 400);
});

/**
 * DELETE /admin/organizations/:organizationId/members/:userId: their sessions inside it end too.
 * The owner is refused (409 MEMBER_IS_OWNER): ownership is transferred first.
 */
const handleRemoveMember = asAdmin(async (ctx, _request, { organizationId, userId }) => {
  const result = await adminRemoveMember(ctx, { organizationId: organizationId!, memberId: userId! });
  if (result.status === "UNKNOWN_ORGANIZATION") return unknown();
  if (result.status === "NOT_A_MEMBER") return json(result, 404);
  return json(result, result.status === "MEMBER_IS_OWNER" ? 409 : 200);
});

const handleDelete = asAdmin(async (ctx, _request, { organizationId }) => {
  const result = await adminDeleteOrganization(ctx, { organizationId: organizationId! });
  return result.status === "OK" ? json(result) : unknown();
});

export const ADMIN_ORGANIZATION_ROUTES = {
  "/admin/organizations": { GET: handleList },
  "/admin/organizations/:organizationId": { GET: handleGet, DELETE: handleDelete },
  "/admin/organizations/:organizationId/login-methods": { PUT: handleSetLoginMethods },
  "/admin/organizations/:organizationId/members/:userId": { DELETE: handleRemoveMember },
};
