/**
 * Gatehouse's browser-side session module. Import from client components only.
 *
 * @example
 * import { configureGatehouseClient, gatehouseFetch, useSession } from "@/lib/client";
 * configureGatehouseClient({ apiBasePath: "/api/auth" });
 * const res = await gatehouseFetch("/api/me");
 */
export { configureGatehouseClient, type GatehouseClientOptions } from "./options";
export { parseFrontToken, type FrontTokenInfo } from "./front-token";
export { doesSessionExist, getUserId, getAccessTokenPayload, getAccessTokenExpiry } from "./session";
export { subscribeToSessionChanges, FRONT_TOKEN_COOKIE } from "./session-store";
export { gatehouseFetch } from "./fetch";
export { attemptRefreshingSession } from "./refresh";
export { signOut } from "./sign-out";
export { useSession, type SessionState, type UseSessionOptions } from "./use-session";
export { refreshReturnGuard, createRedirectLoopGuard, type RedirectLoopGuardOptions } from "./redirect-loop-guard";
export { getRoles, getPermissions, RequireRole, claimList, type RequireRoleProps } from "./roles";
