import type { SignUpField } from "../config";
import { GatehouseError } from "../errors";
import { MESSAGE } from "../wire-codes";

export type FieldError = { id: string; error: string };

const BUILT_IN_IDS = new Set(["email", "password"]);

/** Refuses ids that would shadow email/password or each other, at start-up rather than at the first sign-up. */
export function checkedSignUpFields(fields: SignUpField[]): SignUpField[] {
  const seen = new Set<string>();
  for (const field of fields) {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(field.id)) {
      throw new GatehouseError("CONFIG_INVALID", `emailPassword.signUpFields: invalid field id "${field.id}"`);
    }
    if (BUILT_IN_IDS.has(field.id) || seen.has(field.id)) {
      throw new GatehouseError("CONFIG_INVALID", `emailPassword.signUpFields: the id "${field.id}" is already used`);
    }
    seen.add(field.id);
  }
  return fields;
}

/** One field's error, or undefined. The same function runs in the browser (lib/ui) and on the server. */
export function validateSignUpField(field: SignUpField, value: string | undefined): string | undefined {
  const text = value ?? "";
  if (text.trim() === "") return field.optional ? undefined : MESSAGE.FIELD_NOT_OPTIONAL;
  return field.validate?.(text);
}

/**
 * The server's check of the extra sign-up fields: the browser's check can be skipped by anyone
 * who posts to the API directly, so this one is the authority.
 */
export function validateSignUpFields(fields: SignUpField[], values: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    const error = validateSignUpField(field, values[field.id]);
    if (error !== undefined) errors.push({ id: field.id, error });
  }
  return errors;
}

/**
 * The submitted fields as the session hooks see them (`context.formFields`): without the
 * password, which no hook needs and which a hook that logs its context, or copies it into the
 * session data, would otherwise write out in the clear.
 */
export function formFieldsForHooks(values: Record<string, string>): Record<string, string> {
  const { password: _password, ...rest } = values;
  return rest;
}
