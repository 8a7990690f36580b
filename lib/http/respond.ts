import { isGatehouseError, type GatehouseErrorCode } from "../auth/errors";
import type { EngineLog } from "../auth/log";

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  // Auth responses carry tokens and per-user state: never cache them anywhere.
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** 400/413/415: the request itself is malformed. `status` is machine-readable, `message` human. */
export function badInput(message: string, httpStatus = 400): Response {
  return json({ status: "BAD_INPUT_ERROR", message }, httpStatus);
}

/** FDI: an expired access token. Session failures with deployer hooks go through session-errors.ts. */
export function tryRefreshToken(): Response {
  return json({ message: "try refresh token" }, 401);
}

/** FDI: no usable session. Session failures with deployer hooks go through session-errors.ts. */
export function unauthorised(headers?: HeadersInit): Response {
  return json({ message: "unauthorised" }, 401, headers);
}

const STATUS_BY_CODE: Record<GatehouseErrorCode, number> = {
  CONFIG_INVALID: 500,
  SECRET_MISSING: 500,
  PROTECTED_CLAIM_IN_PAYLOAD: 500,
  HOOK_FAILED: 500,
  SIGNING_KEY_UNAVAILABLE: 503,
  STORE_FAILED: 503,
};

/** Where errors go before there is an engine (gatehouse() itself failed: a bad config). */
const consoleLog: Pick<EngineLog, "error"> = { error: (fields, message) => console.error(`[gatehouse] ${message}`, fields) };

/**
 * The one place an unexpected error becomes a response. The body names the error code but
 * never the stack or the message (which may hold deployer data); the message goes to the log
 * (the request's logger, so the line carries the request id).
 */
export function errorResponse(error: unknown, log: Pick<EngineLog, "error"> = consoleLog): Response {
  if (isGatehouseError(error)) {
    log.error({ event: "request.failed", code: error.code, detail: error.message }, `${error.code}: ${error.message}`);
    const status = STATUS_BY_CODE[error.code];
    if (status === 503) {
      // A passing outage (database, keys): no cookie is touched, and clients retry rather than
      // sign out, since only a 401 ends a session.
      return json({ status: "SERVICE_UNAVAILABLE", message: "Temporarily unavailable, try again shortly", code: error.code }, 503, { "Retry-After": "5" });
    }
    return json({ status: "GENERAL_ERROR", message: "Internal error", code: error.code }, status);
  }
  log.error({ event: "request.failed", err: error }, "unexpected error");
  return json({ status: "GENERAL_ERROR", message: "Internal error" }, 500);
}
