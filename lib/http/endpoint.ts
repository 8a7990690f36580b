import type { ClientInfo } from "../auth/client-info";
import type { EngineContext } from "../auth/context";

/**
 * One endpoint of the auth API (routes.ts). `params` holds the decoded `:name` segments of a
 * route such as "/admin/roles/:role"; `client` is who sent the request, worked out once per
 * request (client-address.ts) and passed on to the engine.
 */
export type Endpoint = (ctx: EngineContext, request: Request, params: Record<string, string>, client: ClientInfo) => Promise<Response>;
