import { randomUUID } from "node:crypto";
import type { EngineContext } from "../auth/context";

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

/** The same engine with a logger whose every line carries these fields (request id, acting admin). */
export function withLogBindings(ctx: EngineContext, bindings: Record<string, string>): EngineContext {
  return { ...ctx, log: ctx.log.child(bindings) };
}
