import type { VerifiedSession } from "../auth/session/session";
import { gatehouse } from "../gatehouse";
import { errorResponse } from "../http/respond";
import { verifyRequestSession, type VerifyRequestOptions } from "../http/verify-request";

/**
 * Wraps a route handler so that it only runs with a verified session. Without a session the
 * client gets the FDI 401s (`try refresh token` / `unauthorised`), which supertokens-web-js and
 * Gatehouse's own client act on.
 *
 * @example export const GET = withSession(async (request, session) => Response.json({ userId: session.userId }));
 */
export function withSession<RouteContext = unknown>(
  handler: (request: Request, session: VerifiedSession, context: RouteContext) => Response | Promise<Response>,
  options: VerifyRequestOptions = {},
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const verified = await verifyRequestSession(gatehouse(), request, options);
      if (!verified.ok) return verified.response;
      return await handler(request, verified.session, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
