import { z } from "zod";
import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import * as roles from "../../auth/userroles/roles";
import { verifyAdmin } from "../admin-auth";
import { parseBody, readWholeNumberParam } from "../parse";
import { badInput, json } from "../respond";

type Params = Record<string, string>;
const name = z.string().refine(roles.isValidRoleName, "must be 1–191 printable characters without surrounding spaces");
const permissionsBody = z.object({ permissions: z.array(name).max(1000) }).strict();

/**
 * Runs `work` for an admin only (session or API key), with the engine whose log lines name the
 * acting admin; a bad role name in the path is a 400.
 */
async function asAdmin(
  ctx: EngineContext,
  request: Request,
  params: Params,
  client: ClientInfo,
  work: (ctx: EngineContext) => Promise<Response>,
): Promise<Response> {
  const admin = await verifyAdmin(ctx, request, client);
  if (!admin.ok) return admin.response;
  if (params.role !== undefined && !roles.isValidRoleName(params.role)) return badInput("role: not a valid role name");
  return work(admin.ctx);
}

const unknownRole = () => json({ status: "UNKNOWN_ROLE_ERROR" }, 404);
const unknownUser = () => json({ status: "UNKNOWN_USER_ERROR" }, 404);

export const handleListRoles = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => {
    const all = await roles.getAllRoles(ctx);
    const withPermissions = await Promise.all(
      all.map(async (role) => ({ role, permissions: (await ctx.stores.roles.getPermissionsForRole(role)) ?? [] })),
    );
    return json({ status: "OK", roles: withPermissions });
  });

export const handlePutRole = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => {
    const body = await parseBody(request, permissionsBody);
    if (!body.ok) return body.response;
    const result = await roles.createNewRoleOrAddPermissions(ctx, params.role, body.value.permissions);
    return json({ status: "OK", ...result });
  });

export const handleDeleteRole = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => json(await roles.deleteRole(ctx, params.role)));

export const handleRemovePermissions = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => {
    const body = await parseBody(request, permissionsBody);
    if (!body.ok) return body.response;
    const result = await roles.removePermissionsFromRole(ctx, params.role, body.value.permissions);
    return result.status === "OK" ? json(result) : unknownRole();
  });

export const handleUsersWithRole = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => {
    const query = new URL(request.url).searchParams;
    const limit = readWholeNumberParam(query, "limit", { min: 1, max: 500 });
    if (!limit.ok) return limit.response;
    const token = query.get("paginationToken") ?? undefined;
    if (token !== undefined && !/^[A-Za-z0-9_-]{1,400}$/.test(token)) return badInput("paginationToken: not a token from a previous page");
    const result = await roles.getUsersThatHaveRole(ctx, params.role, { limit: limit.value, paginationToken: token });
    if (result.status === "INVALID_PAGINATION_TOKEN_ERROR") return badInput("paginationToken: not a token from a previous page");
    return result.status === "OK" ? json(result) : unknownRole();
  });

export const handleUserRoles = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => {
    if (!(await ctx.stores.users.getUserById(params.userId))) return unknownUser();
    const [userRoles, permissions] = await Promise.all([roles.getRolesForUser(ctx, params.userId), roles.getPermissionsForUser(ctx, params.userId)]);
    return json({ status: "OK", roles: userRoles, permissions });
  });

export const handleGrantRole = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => {
    const result = await roles.addRoleToUser(ctx, params.userId, params.role);
    if (result.status === "UNKNOWN_USER_ERROR") return unknownUser();
    return result.status === "OK" ? json(result) : unknownRole();
  });

export const handleRevokeRole = (ctx: EngineContext, request: Request, params: Params, client: ClientInfo) =>
  asAdmin(ctx, request, params, client, async (ctx) => {
    const result = await roles.removeUserRole(ctx, params.userId, params.role);
    if (result.status === "UNKNOWN_USER_ERROR") return unknownUser();
    return result.status === "OK" ? json(result) : unknownRole();
  });
