/**
 * Unexpected failures inside the engine. Expected outcomes (wrong password, expired token, …)
 * are result unions instead; this class is for what a caller cannot handle in the normal flow.
 * `code` is a closed union so that the HTTP layer can map every case in one switch.
 */
export type GatehouseErrorCode =
  | "CONFIG_INVALID"
  | "SECRET_MISSING"
  | "PROTECTED_CLAIM_IN_PAYLOAD"
  | "HOOK_FAILED"
  | "SIGNING_KEY_UNAVAILABLE"
  | "STORE_FAILED";

export class GatehouseError extends Error {
  readonly code: GatehouseErrorCode;

  constructor(code: GatehouseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GatehouseError";
    this.code = code;
  }
}

export function isGatehouseError(value: unknown): value is GatehouseError {
  return value instanceof GatehouseError;
}
