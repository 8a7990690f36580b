import type { EngineContext } from "../auth/context";
import { handleEmailExists, handleSignIn, handleSignUp } from "./endpoints/email-password";
import { handleListMySessions, handleRevokeMySessions } from "./endpoints/my-sessions";
import { handleJwks, handleRefresh, handleSignOut } from "./endpoints/session";
import { errorResponse, json } from "./respond";

type Endpoint = (ctx: EngineContext, request: Request) => Promise<Response>;

/** The auth API in one screen. Paths are relative to `apiBasePath` (default /api/auth). */
const ROUTES: Record<string, Partial<Record<string, Endpoint>>> = {
  "/signup": { POST: handleSignUp },
  "/signin": { POST: handleSignIn },
  "/emailpassword/email/exists": { GET: handleEmailExists },
  "/session/refresh": { POST: handleRefresh },
  "/signout": { POST: handleSignOut },
  "/jwt/jwks.json": { GET: (ctx) => handleJwks(ctx) },
  // Gatehouse's own, beyond the FDI: the signed-in user's sessions.
  "/user/sessions": { GET: handleListMySessions },
  "/user/sessions/revoke": { POST: handleRevokeMySessions },
};

/** Dispatches a request under apiBasePath. Every failure becomes a JSON answer, never a throw. */
export async function handleAuthRequest(ctx: EngineContext, request: Request): Promise<Response> {
  try {
    const { pathname } = new URL(request.url);
    const base = ctx.config.apiBasePath;
    if (pathname !== base && !pathname.startsWith(`${base}/`)) return json({ message: "not found" }, 404);
    const path = pathname.slice(base.length).replace(/\/+$/, "") || "/";
    const route = ROUTES[path];
    if (!route) return json({ message: "not found" }, 404);
    const endpoint = route[request.method];
    if (!endpoint) {
      return json({ message: "method not allowed" }, 405, { Allow: Object.keys(route).join(", ") });
    }
    return await endpoint(ctx, request);
  } catch (error) {
    return errorResponse(error);
  }
}
