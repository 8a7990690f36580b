import type { ClientInfo } from "../client-info";
import type { Tenant } from "../organizations/tenants";
import { MESSAGE } from "../wire-codes";
import type { FieldError } from "./sign-up-fields";

/** What an email+password sign-in or sign-up is called with. */
export interface CredentialsInput {
  /** Undefined when the form left the field out: a FIELD_ERROR, like an empty one. */
  email?: string;
  password?: string;
  /** Every field the form sent, email and password included: the deployer's hooks see them, and sign-up checks its extra fields in them. */
  formFields?: Record<string, string>;
  /** Who sent it (lib/http/client-address.ts): limits count by it, the new session stores it. */
  client?: ClientInfo;
  /** The tenant of the request (organizations/tenants.ts); absent means the public tenant. */
  tenant?: Tenant;
}

/**
 * Email and password, or the FDI's FIELD_ERROR naming each one the form left out. The one place
 * either is required: lib/http only parses the form.
 */
export function requiredCredentials(
  input: CredentialsInput,
): { status: "OK"; email: string; password: string } | { status: "FIELD_ERROR"; formFields: FieldError[] } {
  const { email, password } = input;
  if (email !== undefined && password !== undefined) return { status: "OK", email, password };
  const missing = (["email", "password"] as const).filter((id) => input[id] === undefined);
  return { status: "FIELD_ERROR", formFields: missing.map((id) => ({ id, error: MESSAGE.FIELD_NOT_OPTIONAL })) };
}
