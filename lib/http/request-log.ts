import { randomUUID } from "node:crypto";
import { purgeAuditEventsIfDue } from "../auth/audit/audit-events";
import { deleteExpiredRowsIfDue } from "../auth/expired-rows";
import type { ClientInfo } from "../auth/client-info";
import { withRequestScope, type EngineContext, type RequestScope } from "../auth/context";
import { requestClient } from "./client-address";
import { transferScope } from "./session-transport";

/** Ids a proxy or load balancer may have set; anything else is replaced, never logged as given. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: the incoming `x-request-id` when it looks like one (so that the line
 * matches the proxy's own access log), else a new UUID. It is not echoed in the response:
 * answers must stay byte-identical where they may not reveal anything (password reset).
 */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get("x-request-id");
  return incoming && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The same engine with a logger whose every line carries these fields (request id, acting
 * admin); the audit log's events carry the same ones (lib/auth/audit/audit-recorder.ts).
 */
export function withLogBindings(ctx: EngineContext, bindings: Record<string, string>): EngineContext {
  return withRequestScope(ctx, { log: ctx.log.child(bindings), audit: ctx.audit.child(bindings) });
}

/**
 * The engine for one request: its id on every log line, its client's IP and user agent on
 * every audit event, whose writes are tracked apart so that `finishRequest` waits for them only,
 * the request's own `waitUntil` (Next's `after` in the app), and, in cookie mode, the cookie's
 * limit on the tokens it is issued. A derived copy: the shared engine is never written.
 */
export function requestContext(
  engine: EngineContext,
  request: Request,
  client: ClientInfo,
  scope: Pick<RequestScope, "waitUntil"> = {},
): EngineContext {
  return withRequestAudit(
    withLogBindings(withRequestScope(engine, { waitUntil: scope.waitUntil, ...transferScope(request, engine.config) }), {
      requestId: requestIdOf(request),
    }),
    request,
    client,
  );
}

/**
 * Only the audit part of `requestContext`: for the app's protected routes, where every
 * microsecond counts. `client`: the request's client when the caller has worked it out already.
 */
export function withRequestAudit(ctx: EngineContext, request: Request, client: ClientInfo = requestClient(ctx, request)): EngineContext {
  return withRequestScope(ctx, { audit: requestAudit(ctx, client) });
}

/** The request's audit scope: its client on every event, its writes tracked apart. */
export function requestAudit(ctx: EngineContext, client: ClientInfo): EngineContext["audit"] {
  return ctx.audit.child({ userAgent: client.userAgent ?? null, ip: client.ip ?? null }, { scope: true });
}

/**
 * Before answering: the request's audit rows are written (a serverless function may be frozen
 * as soon as it answers, and a lost row is a hole in the log), and the hourly retention purge
 * and the hourly deletion of expired rows are started when due. A failed write was logged and
 * does not fail the request.
 */
export async function finishRequest(ctx: EngineContext): Promise<void> {
  void purgeAuditEventsIfDue(ctx);
  void deleteExpiredRowsIfDue(ctx);
  await ctx.audit.settled();
}
