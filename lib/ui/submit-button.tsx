"use client";

import type { ButtonHTMLAttributes } from "react";
import { useHydrated } from "./hydrated";

export interface SubmitButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** True while the form's request runs: the button is disabled and shows a spinner (`aria-busy`). */
  pending: boolean;
}

/**
 * A form's submit button with its loading state, the same in every form: disabled while the
 * request runs, so a second click cannot send it twice, and marked `aria-busy`, which
 * gatehouse-controls.css draws as a spinner. `type` and `className` may be overridden
 * (`type="button"` for an action outside a form).
 *
 * Disabled, too, until React has hydrated it: before that, a click on a submit button submits its
 * form natively (a POST that the page answers with itself, what was typed gone and nothing done),
 * and a click on an action button is lost without a sign.
 */
export function SubmitButton({ pending, disabled, className = "gh-button", type = "submit", children, ...rest }: SubmitButtonProps) {
  const hydrated = useHydrated();
  return (
    <button {...rest} type={type} className={className} disabled={pending || disabled || !hydrated} aria-busy={pending}>
      {children}
    </button>
  );
}
