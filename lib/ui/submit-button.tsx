import type { ButtonHTMLAttributes } from "react";

export interface SubmitButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** True while the form's request runs: the button is disabled and shows a spinner (`aria-busy`). */
  pending: boolean;
}

/**
 * A form's submit button with its loading state, the same in every form: disabled while the
 * request runs, so a second click cannot send it twice, and marked `aria-busy`, which
 * gatehouse-controls.css draws as a spinner. `type` and `className` may be overridden
 * (`type="button"` for an action outside a form).
 */
export function SubmitButton({ pending, disabled, className = "gh-button", type = "submit", children, ...rest }: SubmitButtonProps) {
  return (
    <button {...rest} type={type} className={className} disabled={pending || disabled} aria-busy={pending}>
      {children}
    </button>
  );
}
