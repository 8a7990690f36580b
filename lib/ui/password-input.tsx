"use client";

import { useState, type InputHTMLAttributes } from "react";
import { en } from "../i18n/en";

export interface PasswordInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  id: string;
  /** @default "Show password" */
  showLabel?: string;
  /** @default "Hide password" */
  hideLabel?: string;
}

/**
 * A password input with a visible "Show password" toggle. The toggle is a real button
 * (`type="button"`, so Enter in the field still submits the form) and says what it will do.
 */
export function PasswordInput({ showLabel = en.showPassword, hideLabel = en.hidePassword, ...props }: PasswordInputProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="gh-password">
      <input {...props} type={visible ? "text" : "password"} />
      <button type="button" className="gh-button-secondary gh-password-toggle" aria-controls={props.id} onClick={() => setVisible((v) => !v)}>
        {visible ? hideLabel : showLabel}
      </button>
    </div>
  );
}
