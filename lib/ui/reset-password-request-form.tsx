"use client";

import { useState, type FormEvent } from "react";
import { callAuthApi, GENERAL_MESSAGE, messageOf } from "./fdi-post";

export interface ResetPasswordRequestFormProps {
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The sign-in page, linked below the form. @default "/auth" */
  signInPath?: string;
}

/**
 * Step 1 of a password reset: asks for the email and sends the link. The answer is the same
 * whether or not the address has an account, and so is what this form shows.
 */
export function ResetPasswordRequestForm({ apiBasePath = "/api/auth", signInPath = "/auth" }: ResetPasswordRequestFormProps) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    setEmailError(null);
    setFormError(null);
    try {
      const answer = await callAuthApi(apiBasePath, "/user/password/reset/token", {
        rid: "emailpassword",
        body: { formFields: [{ id: "email", value: email }] },
      });
      if (answer.httpStatus === 200 && answer.body?.status === "OK") setSentTo(email.trim());
      else if (answer.body?.status === "FIELD_ERROR") setEmailError(answer.body.formFields?.find((f) => f.id === "email")?.error ?? GENERAL_MESSAGE);
      else setFormError(messageOf(answer));
    } catch {
      setFormError(GENERAL_MESSAGE);
    } finally {
      setPending(false);
    }
  }

  if (sentTo !== null) {
    return (
      <div className="gh-card" role="status" aria-live="polite">
        <h1>Check your email</h1>
        <p>
          If an account exists for <strong>{sentTo}</strong>, we sent it a link to reset the password. The link works
          once, for a limited time.
        </p>
        <p className="gh-muted">
          <a href={signInPath}>Back to sign in</a>
        </p>
      </div>
    );
  }

  return (
    <form method="post" className="gh-card" aria-label="Reset your password" onSubmit={onSubmit} noValidate>
      <h1>Reset your password</h1>
      <p className="gh-muted">We will email you a link to choose a new password.</p>
      <div className="gh-field">
        <label htmlFor="reset-email">Email</label>
        <input
          id="reset-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={Boolean(emailError)}
          aria-describedby={emailError ? "reset-email-error" : undefined}
        />
        {emailError && <p id="reset-email-error" className="gh-error" role="alert">{emailError}</p>}
      </div>
      {formError && <p className="gh-error" role="alert">{formError}</p>}
      <button className="gh-button" type="submit" disabled={pending}>Email me a reset link</button>
      <p className="gh-muted">
        <a href={signInPath}>Back to sign in</a>
      </p>
    </form>
  );
}
