"use client";

import { useRef, type ChangeEvent, type FocusEvent } from "react";

/** A field's check: an error message, or undefined when the value is fine. */
export type FieldCheck = (value: string) => string | undefined;

/**
 * Input handlers that run `check` as the user types, once the field has been left before, while
 * it shows an error, or once the value is `minLength` long: nobody is told "too short" halfway
 * through typing, yet a rule beyond the length shows as soon as it applies. Leaving the field
 * says nothing by itself: a message appearing on blur shifts the submit button under a pointer
 * that is already pressing it, and the click is lost. Submitting checks every field anyway.
 * Without a check there are no handlers.
 */
export function useLiveCheck(check: FieldCheck | undefined, showing: boolean, report: (error: string | undefined) => void, minLength = 0) {
  const left = useRef(false);
  if (!check) return {};
  return {
    onBlur: (event: FocusEvent<HTMLInputElement>) => {
      if (event.currentTarget.value !== "") left.current = true;
    },
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      if (left.current || showing || (minLength > 0 && value.length >= minLength)) report(check(value));
    },
  };
}
