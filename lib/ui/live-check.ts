"use client";

import { useRef, type ChangeEvent, type FocusEvent } from "react";

/** A field's check: an error message, or undefined when the value is fine. */
export type FieldCheck = (value: string) => string | undefined;

/**
 * Input handlers that run `check` as the user types, once the field has been left, while it
 * shows an error, or once the value is `minLength` long: nobody is told "too short" halfway
 * through typing, yet a rule beyond the length shows as soon as it applies. Leaving an empty
 * field says nothing; submitting it does. Without a check there are no handlers.
 */
export function useLiveCheck(check: FieldCheck | undefined, showing: boolean, report: (error: string | undefined) => void, minLength = 0) {
  const left = useRef(false);
  if (!check) return {};
  return {
    onBlur: (event: FocusEvent<HTMLInputElement>) => {
      left.current = true;
      if (event.currentTarget.value !== "") report(check(event.currentTarget.value));
    },
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      if (left.current || showing || (minLength > 0 && value.length >= minLength)) report(check(value));
    },
  };
}
