import { withRequestScope, type EngineContext } from "../auth/context";
import { gatehouse } from "../gatehouse";
import { requestClient } from "../http/client-address";
import { finishRequest, requestAudit } from "../http/request-log";
import { createRequestSession, type RequestSession } from "../http/request-session";
import { errorResponse } from "../http/respond";
import { verifyRequestSession, type VerifyRequestOptions } from "../http/verify-request";
import { afterResponse } from "./after-response";

/**
 * Wraps a route handler so that it only runs with a verified session. Without a session the
 * client gets the FDI 401s (`try refresh token` / `unauthorised`), which supertokens-web-js and
 * Gatehouse's own client act on. The answer gets `Cache-Control: no-store` unless the handler set
 * a Cache-Control itself: it is this user's, and no cache may serve it to another. An answer that
 * re-issues or clears the session's tokens always gets `no-store`, whatever the handler set.
 *
 * @example export const GET = withSession(async (request, session) => Response.json({ userId: session.userId }));
 */
export function withSession<RouteContext = unknown>(
  handler: (request: Request, session: RequestSession, context: RouteContext) => Response | Promise<Response>,
  options: VerifyRequestOptions = {},
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    let ctx: EngineContext | undefined;
    try {
      // The request's IP and user agent on the audit events its handler causes (a revocation),
      // and its own `after` for the work finishRequest starts (the audit purge).
      // One derived engine per request, not one per part of its scope.
      const engine = gatehouse();
      ctx = withRequestScope(engine, { waitUntil: afterResponse, audit: requestAudit(engine, requestClient(engine, request)) });
      const verified = await verifyRequestSession(ctx, request, options);
      if (!verified.ok) return verified.response;
      const { session, finish } = createRequestSession(ctx, request, verified.session);
      return finish(await handler(request, session, context));
    } catch (error) {
      return errorResponse(error, ctx?.log);
    } finally {
      if (ctx) await finishRequest(ctx);
    }
  };
}
