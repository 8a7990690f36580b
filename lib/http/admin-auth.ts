import { checkAdminApiKey } from "../auth/apikeys/admin-key-check";
import { API_KEY_PREFIX, type ApiKeyInfo } from "../auth/apikeys/api-keys";
import type { ClientInfo } from "../auth/client-info";
import type { EngineContext } from "../auth/context";
import type { VerifiedSession } from "../auth/session/session";
import type { Endpoint } from "./endpoint";
import { withLogBindings } from "./request-log";
import { resultResponse, unauthorised } from "./respond";
import { bearerToken } from "./session-transport";
import { verifyRequestSession } from "./verify-request";

/** The role that opens the admin API and dashboard. */
export const ADMIN_ROLE = "admin";

/** Who is calling the admin API. */
export type AdminActor = { kind: "session"; session: VerifiedSession } | { kind: "apiKey"; apiKey: ApiKeyInfo };

/** On success, `ctx` is the engine with the actor bound into every log line of the request. */
export type VerifyAdminResult = { ok: true; actor: AdminActor; ctx: EngineContext } | { ok: false; response: Response };

/**
 * Admin API access, by either:
 * - an API key, `Authorization: Bearer gh_…`: checked against its stored hash, revocation and
 *   expiry on every call. A browser never attaches an Authorization header by itself, so a
 *   key-authenticated request cannot be forged cross-site and needs no CSRF check. Failures are
 *   limited per client (lib/auth/apikeys/admin-key-check.ts: audit flooding). A bearer value
 *   without the `gh_` prefix is an access token (header-mode session), as everywhere;
 * - a session holding the `admin` role, checked against the database on every call (a revoked
 *   session or a removed role loses access at once, not at its next refresh), with the usual
 *   CSRF checks when it comes in a cookie.
 */
export async function verifyAdmin(ctx: EngineContext, request: Request, client: ClientInfo): Promise<VerifyAdminResult> {
  const bearer = bearerToken(request);
  if (bearer?.startsWith(API_KEY_PREFIX)) return verifyAdminKey(ctx, bearer, client);
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true, roles: [ADMIN_ROLE] });
  if (!verified.ok) return verified;
  return {
    ok: true,
    actor: { kind: "session", session: verified.session },
    ctx: withLogBindings(ctx, { actorUserId: verified.session.userId }),
  };
}

async function verifyAdminKey(ctx: EngineContext, key: string, client: ClientInfo): Promise<VerifyAdminResult> {
  const result = await checkAdminApiKey(ctx, { key, client });
  if (result.status === "TOO_MANY_ATTEMPTS") return { ok: false, response: resultResponse(result) };
  // One answer for unknown, revoked and expired keys; the log line says which (apikey.rejected).
  if (result.status !== "OK") return { ok: false, response: unauthorised({ "WWW-Authenticate": 'Bearer error="invalid_token"' }) };
  return { ok: true, actor: { kind: "apiKey", apiKey: result.apiKey }, ctx: withLogBindings(ctx, { actorApiKeyId: result.apiKey.id }) };
}

/** An admin endpoint: `:name` path segments in `params`, the request context after verifyAdmin. */
export type AdminHandler = (ctx: EngineContext, request: Request, params: Record<string, string>) => Promise<Response>;

/** Wraps an admin endpoint: `work` runs only for an API key or an `admin` session. */
export function asAdmin(work: AdminHandler): Endpoint {
  return async (ctx, request, params, client) => {
    const admin = await verifyAdmin(ctx, request, client);
    if (!admin.ok) return admin.response;
    return work(admin.ctx, request, params);
  };
}
