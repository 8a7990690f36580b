import { API_KEY_PREFIX, logApiKeyRejection, verifyApiKey, type ApiKeyInfo, type ApiKeyRejection } from "../auth/apikeys/api-keys";
import type { ResolvedFailureBudget } from "../auth/config-limits";
import type { EngineContext } from "../auth/context";
import { logAuthEvent } from "../auth/log";
import type { VerifiedSession } from "../auth/session/session";
import { failureBudget } from "./failure-budget";
import { limitedClient } from "./brute-force";
import { withLogBindings } from "./request-log";
import { CODE } from "../auth/wire-codes";
import { unauthorised } from "./respond";
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
 *   key-authenticated request cannot be forged cross-site and needs no CSRF check. A bearer
 *   value without the `gh_` prefix is an access token (header-mode session), as everywhere;
 * - a session holding the `admin` role, checked against the database on every call (a revoked
 *   session or a removed role loses access at once, not at its next refresh), with the usual
 *   CSRF checks when it comes in a cookie.
 */
export async function verifyAdmin(ctx: EngineContext, request: Request): Promise<VerifyAdminResult> {
  const bearer = bearerToken(request);
  if (bearer?.startsWith(API_KEY_PREFIX)) return verifyAdminKey(ctx, request, bearer);
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true, roles: [ADMIN_ROLE] });
  if (!verified.ok) return verified;
  return {
    ok: true,
    actor: { kind: "session", session: verified.session },
    ctx: withLogBindings(ctx, { actorUserId: verified.session.userId }),
  };
}

const KEY_FAILURES = "adminAuthFailuresPerClient";
/** The one count shared by clients without a known address: a delay for all of them, never a lockout. */
const UNKNOWN_CLIENT = "unknown";

/**
 * An API key, with failures limited per client (`rateLimits.adminAuthFailuresPerClient`): audit
 * flooding. Every refused key used to write an audit row, so anyone could fill the audit table
 * with bad keys. Now a client past its budget waits before any key is checked, and the audit log
 * gets one row per failure within the budget, one more with the count when the client goes past
 * it, and nothing after that in the window (a log line only).
 */
async function verifyAdminKey(ctx: EngineContext, request: Request, bearer: string): Promise<VerifyAdminResult> {
  const limits = ctx.config.rateLimits;
  const budget = limits.enabled ? limits.adminAuthFailuresPerClient : false;
  const client = limitedClient(ctx, request) ?? UNKNOWN_CLIENT;
  if (budget) {
    const held = await failureBudget.check(ctx, KEY_FAILURES, budget, client);
    if (held) return { ok: false, response: held };
  }
  const result = await verifyApiKey(ctx, bearer, { logRejection: !budget });
  if (result.status !== "OK") {
    if (budget) await countKeyFailure(ctx, budget, client, result);
    // One answer for unknown, revoked and expired keys; the log line says which (apikey.rejected).
    return { ok: false, response: unauthorised({ "WWW-Authenticate": 'Bearer error="invalid_token"' }) };
  }
  return { ok: true, actor: { kind: "apiKey", apiKey: result.apiKey }, ctx: withLogBindings(ctx, { actorApiKeyId: result.apiKey.id }) };
}

async function countKeyFailure(ctx: EngineContext, budget: ResolvedFailureBudget, client: string, rejection: ApiKeyRejection): Promise<void> {
  const failures = await failureBudget.failed(ctx, KEY_FAILURES, budget, client);
  if (failures <= budget.points) return logApiKeyRejection(ctx, rejection, failures);
  if (failures === budget.points + 1) return logAuthEvent(ctx, "apikey.rejected", { reason: CODE.TOO_MANY_FAILURES, count: failures }, "warn");
  ctx.log.warn({ event: "apikey.rejected_unrecorded", reason: rejection.status, count: failures }, "apikey.rejected_unrecorded");
}

/** An admin endpoint: `:name` path segments in `params`, the request context after verifyAdmin. */
export type AdminHandler = (ctx: EngineContext, request: Request, params: Record<string, string>) => Promise<Response>;

/** Wraps an admin endpoint: `work` runs only for an API key or an `admin` session. */
export function asAdmin(work: AdminHandler): AdminHandler {
  return async (ctx, request, params) => {
    const admin = await verifyAdmin(ctx, request);
    if (!admin.ok) return admin.response;
    return work(admin.ctx, request, params);
  };
}
