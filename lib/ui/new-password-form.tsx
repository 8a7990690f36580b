"use client";

import { useState, type FormEvent } from "react";
import { callAuthApi, GENERAL_MESSAGE, messageOf } from "./fdi-post";
import { PasswordInput } from "./password-input";

export interface NewPasswordFormProps {
  /** The token from the emailed link (`?token=`). */
  token: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The sign-in page. @default "/auth" */
  signInPath?: string;
  /** Where to ask for a new link when this one no longer works. @default "/auth/reset-password" */
  requestPath?: string;
}

/** Step 2 of a password reset: the new password, set with the emailed token. */
export function NewPasswordForm({ token, apiBasePath = "/api/auth", signInPath = "/auth", requestPath = "/auth/reset-password" }: NewPasswordFormProps) {
  const [outcome, setOutcome] = useState<"done" | "invalid" | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    setFieldErrors({});
    setFormError(null);
    if (password !== String(data.get("confirm") ?? "")) {
      setFieldErrors({ confirm: "The passwords do not match" });
      return;
    }
    setPending(true);
    try {
      const answer = await callAuthApi(apiBasePath, "/user/password/reset", {
        rid: "emailpassword",
        body: { method: "token", token, formFields: [{ id: "password", value: password }] },
      });
      const status = answer.body?.status;
      if (status === "OK") setOutcome("done");
      else if (status === "RESET_PASSWORD_INVALID_TOKEN_ERROR") setOutcome("invalid");
      else if (status === "FIELD_ERROR") setFieldErrors({ password: answer.body?.formFields?.find((f) => f.id === "password")?.error ?? GENERAL_MESSAGE });
      else setFormError(messageOf(answer));
    } catch {
      setFormError(GENERAL_MESSAGE);
    } finally {
      setPending(false);
    }
  }

  if (outcome === "done") {
    return (
      <div className="gh-card" role="status" aria-live="polite">
        <h1>Password changed</h1>
        <p>Your new password is set, and your other sessions were signed out.</p>
        <p>
          <a className="gh-button" href={signInPath}>Sign in</a>
        </p>
      </div>
    );
  }
  if (outcome === "invalid") {
    return (
      <div className="gh-card" role="alert">
        <h1>This link no longer works</h1>
        <p>It was used already, replaced by a newer link, or it expired.</p>
        <p>
          <a href={requestPath}>Send me a new link</a>
        </p>
      </div>
    );
  }

  return (
    <form method="post" className="gh-card" aria-label="Choose a new password" onSubmit={onSubmit} noValidate>
      <h1>Choose a new password</h1>
      <div className="gh-field">
        <label htmlFor="new-password">New password</label>
        <PasswordInput
          id="new-password"
          name="password"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(fieldErrors.password)}
          aria-describedby={fieldErrors.password ? "new-password-error" : undefined}
        />
        {fieldErrors.password && <p id="new-password-error" className="gh-error" role="alert">{fieldErrors.password}</p>}
      </div>
      <div className="gh-field">
        <label htmlFor="confirm-password">Confirm the new password</label>
        <PasswordInput
          id="confirm-password"
          name="confirm"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(fieldErrors.confirm)}
          aria-describedby={fieldErrors.confirm ? "confirm-password-error" : undefined}
        />
        {fieldErrors.confirm && <p id="confirm-password-error" className="gh-error" role="alert">{fieldErrors.confirm}</p>}
      </div>
      {formError && <p className="gh-error" role="alert">{formError}</p>}
      <button className="gh-button" type="submit" disabled={pending}>Change password</button>
    </form>
  );
}
