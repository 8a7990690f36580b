import { isGatehouseError, type GatehouseError, type GatehouseErrorCode } from "../auth/errors";
import type { TooManyAttempts } from "../auth/limits/rate-limit";
import type { EngineLog } from "../auth/log";
import { MESSAGE, STATUS } from "../auth/wire-codes";

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  // Auth responses carry tokens and per-user state: never cache them anywhere.
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** 400/413/415: the request itself is malformed. `status` is machine-readable, `message` human. */
export function badInput(message: string, httpStatus = 400): Response {
  return json({ status: STATUS.BAD_INPUT_ERROR, message }, httpStatus);
}

/**
 * 403: a state-changing request from another origin, refused before anything is read (login
 * CSRF: a cross-site page must not sign the victim in, or spend a reset or verification token).
 */
export function crossOriginRefused(): Response {
  return json({ status: STATUS.BAD_INPUT_ERROR, message: MESSAGE.CROSS_ORIGIN_REFUSED }, 403);
}

/** FDI: 200 `FIELD_ERROR`, each error shown beside its field. */
export function fieldErrors(formFields: { id: string; error: string }[]): Response {
  return json({ status: STATUS.FIELD_ERROR, formFields });
}

/** FDI: `FIELD_ERROR` for required fields the request left out. */
export function fieldsNotOptional(ids: string[]): Response {
  return fieldErrors(ids.map((id) => ({ id, error: MESSAGE.FIELD_NOT_OPTIONAL })));
}

/** FDI: 200 `GENERAL_ERROR`, whose message clients show to the user; `code` tells machines which. */
export function generalError(message: string, code: string): Response {
  return json({ status: STATUS.GENERAL_ERROR, message, code });
}

/**
 * 429 with Retry-After. The body keeps the FDI's GENERAL_ERROR shape so that clients show its
 * message; the HTTP status tells everything else to back off.
 */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return json({ status: STATUS.GENERAL_ERROR, message: `Too many requests. Please try again in ${retryAfterSeconds} seconds.` }, 429, {
    "Retry-After": String(retryAfterSeconds),
  });
}

/**
 * The one mapping of an engine result that carries no tokens to its answer: TOO_MANY_ATTEMPTS
 * (a limit held the attempt back) is 429 with Retry-After; every other status already is the
 * FDI's body (`FIELD_ERROR`, `WRONG_CREDENTIALS_ERROR`, …), sent as it is with 200.
 */
export function resultResponse<R extends { status: string }>(result: R | TooManyAttempts): Response {
  if (isTooManyAttempts(result)) return tooManyRequests(result.retryAfterSeconds);
  return json(result);
}

function isTooManyAttempts(result: { status: string }): result is TooManyAttempts {
  return result.status === "TOO_MANY_ATTEMPTS";
}

/** 404 for a path that does not exist, or an endpoint the deployer switched off (the same answer). */
export function notFound(): Response {
  return json({ message: MESSAGE.NOT_FOUND }, 404);
}

/** FDI: an expired access token. Session failures with deployer hooks go through session-errors.ts. */
export function tryRefreshToken(): Response {
  return json({ message: MESSAGE.TRY_REFRESH_TOKEN }, 401);
}

/** FDI: no usable session. Session failures with deployer hooks go through session-errors.ts. */
export function unauthorised(headers?: HeadersInit): Response {
  return json({ message: MESSAGE.UNAUTHORISED }, 401, headers);
}

const STATUS_BY_CODE: Record<GatehouseErrorCode, number> = {
  CONFIG_INVALID: 500,
  SECRET_MISSING: 500,
  PROTECTED_CLAIM_IN_PAYLOAD: 500,
  SESSION_DATA_TOO_LARGE: 500,
  VALUE_NOT_JSON: 500,
  INVALID_ARGUMENT: 500,
  HOOK_FAILED: 500,
  SIGNING_KEY_UNAVAILABLE: 503,
  STORE_FAILED: 503,
};

/** The log line of a request that met a GatehouseError: its code and message, never a stack. */
export function logGatehouseError(log: Pick<EngineLog, "error">, error: GatehouseError): void {
  log.error({ event: "request.failed", code: error.code, detail: error.message }, `${error.code}: ${error.message}`);
}

/** Where errors go before there is an engine (gatehouse() itself failed: a bad config). */
const consoleLog: Pick<EngineLog, "error"> = { error: (fields, message) => console.error(`[gatehouse] ${message}`, fields) };

/**
 * The one place an unexpected error becomes a response. The body names the error code but
 * never the stack or the message (which may hold deployer data); the message goes to the log
 * (the request's logger, so the line carries the request id).
 */
export function errorResponse(error: unknown, log: Pick<EngineLog, "error"> = consoleLog): Response {
  if (isGatehouseError(error)) {
    logGatehouseError(log, error);
    const status = STATUS_BY_CODE[error.code];
    if (status === 503) {
      // A passing outage (database, keys): no cookie is touched, and clients retry rather than
      // sign out, since only a 401 ends a session.
      return json({ status: STATUS.SERVICE_UNAVAILABLE, message: MESSAGE.TEMPORARILY_UNAVAILABLE, code: error.code }, 503, { "Retry-After": "5" });
    }
    return json({ status: STATUS.GENERAL_ERROR, message: MESSAGE.INTERNAL_ERROR, code: error.code }, status);
  }
  log.error({ event: "request.failed", err: error }, "unexpected error");
  return json({ status: STATUS.GENERAL_ERROR, message: MESSAGE.INTERNAL_ERROR }, 500);
}
