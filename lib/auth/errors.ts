import { CodedError } from "./coded-error";

/**
 * Unexpected failures inside the engine. Expected outcomes (wrong password, expired token, …)
 * are result unions instead; this class is for what a caller cannot handle in the normal flow.
 * `code` is a closed union so that the HTTP layer can map every case in one switch.
 */
export type GatehouseErrorCode =
  | "CONFIG_INVALID"
  | "SECRET_MISSING"
  | "PROTECTED_CLAIM_IN_PAYLOAD"
  | "SESSION_DATA_TOO_LARGE"
  | "VALUE_NOT_JSON"
  | "INVALID_ARGUMENT"
  | "HOOK_FAILED"
  | "SIGNING_KEY_UNAVAILABLE"
  | "STORE_FAILED";

/**
 * Marks every GatehouseError, whichever copy of this module made it. Next bundles
 * instrumentation and the route handlers separately, each with its own copy of this class, and
 * the engine context is created in the first and kept on globalThis: an error thrown by its
 * stores is then no `instanceof` the route's class. A registered symbol is the same in both.
 */
const GATEHOUSE_ERROR = Symbol.for("gatehouse.GatehouseError");

export class GatehouseError extends CodedError<GatehouseErrorCode> {
  readonly [GATEHOUSE_ERROR] = true;

  constructor(code: GatehouseErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "GatehouseError";
  }
}

export function isGatehouseError(value: unknown): value is GatehouseError {
  if (value instanceof GatehouseError) return true;
  return (
    value instanceof Error &&
    (value as unknown as Record<symbol, unknown>)[GATEHOUSE_ERROR] === true &&
    typeof (value as { code?: unknown }).code === "string"
  );
}
