"use client";

import { useState } from "react";
import type { SignUpField } from "../auth/config";
import { validateSignUpField } from "../auth/emailpassword/sign-up-fields";
import { en } from "../i18n/en";
import { Field } from "./field";

export interface SignUpFieldInputProps {
  field: SignUpField;
  /** The error to show: the server's, or the form's own check on submit. */
  error: string | undefined;
  /** Reports the field's current client-side error as the user types. */
  onError: (id: string, error: string | undefined) => void;
  /** @default "(optional)" */
  optionalLabel?: string;
}

/**
 * One configured sign-up field. Checks as you type once the field has been left or has shown an
 * error, so that people are not scolded for a value they have only begun to type.
 */
export function SignUpFieldInput({ field, error, onError, optionalLabel = en.optional }: SignUpFieldInputProps) {
  const [checking, setChecking] = useState(false);
  const check = (value: string) => onError(field.id, validateSignUpField(field, value));
  const label = (
    <>
      {field.label}
      {field.optional && <span className="gh-muted"> {optionalLabel}</span>}
    </>
  );
  return (
    <Field
      id={field.id}
      label={label}
      error={error}
      control={(control) => (
        <input
          {...control}
          name={field.id}
          type={field.type ?? "text"}
          placeholder={field.placeholder}
          defaultValue={field.defaultValue ?? ""}
          autoComplete={field.autoComplete ?? "off"}
          required={!field.optional}
          onChange={(event) => {
            if (checking || error || event.currentTarget.value.length > 0) check(event.currentTarget.value);
          }}
          onBlur={(event) => {
            setChecking(true);
            check(event.currentTarget.value);
          }}
        />
      )}
    />
  );
}
