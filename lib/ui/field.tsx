import type { ReactNode } from "react";

/** What ties a control to its label, hint and error: spread onto the input or select. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  /** The control's id: the label points at it, and the hint and error ids derive from it. */
  id: string;
  label: ReactNode;
  /** Renders the control (input, PasswordInput, select) with the attributes it must carry. */
  control: (props: FieldControlProps) => ReactNode;
  /** The error under the control, already in the UI's language; marks the control invalid. */
  error?: string | null;
  /** Help under the control, read with it by screen readers. */
  hint?: ReactNode;
  /** Shown last, such as the "Forgot password?" link. */
  children?: ReactNode;
}

/**
 * One labelled form field, the same in every form: the error is announced (`role="alert"`) and
 * tied to the control through `aria-describedby`, with `aria-invalid` set while it shows, so a
 * screen reader reads the error with the field rather than leaving it to be found.
 */
export function Field({ id, label, control, error, hint, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="gh-field">
      <label htmlFor={id}>{label}</label>
      {control({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="gh-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="gh-error" role="alert">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}
