"use client";

import { useRef, useState, type FormEvent } from "react";
import { gatehouseFetch } from "../client/fetch";
import { safeRedirectPath } from "../next/safe-redirect";
import { PasswordInput } from "./password-input";

export type AuthMode = "signin" | "signup";

export interface AuthFormProps {
  mode: AuthMode;
  /** Where the auth API lives. @default "/api/auth" */
  apiBasePath?: string;
  /** Where to go after success; anything not same-origin falls back to "/". */
  redirectToPath?: string | null;
  /** Link that switches between sign-in and sign-up. */
  switchHref: string;
  /** The "Forgot password?" link shown when signing in. @default "/auth/reset-password" */
  forgotPasswordHref?: string;
}

type FieldErrors = Partial<Record<string, string>>;

const MESSAGES = {
  WRONG_CREDENTIALS_ERROR: "Incorrect email and password combination",
  GENERAL: "Something went wrong. Please try again.",
};

/** Email+password sign-in or sign-up, speaking the FDI endpoints. Embeddable in any page. */
export function AuthForm({ mode, apiBasePath = "/api/auth", redirectToPath, switchHref, forgotPasswordHref = "/auth/reset-password" }: AuthFormProps) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // State updates are asynchronous: a second Enter before the re-render must still be refused.
  const inFlight = useRef(false);
  const isSignUp = mode === "signup";
  const title = isSignUp ? "Sign up" : "Sign in";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setFieldErrors({});
    setFormError(null);
    try {
      // Through the client module, so that the session's front token is stored before leaving.
      const response = await gatehouseFetch(
        `${apiBasePath}/${mode}`,
        {
          method: "POST",
          headers: { "content-type": "application/json", rid: "emailpassword" },
          body: JSON.stringify({
            formFields: [
              { id: "email", value: String(data.get("email") ?? "") },
              { id: "password", value: String(data.get("password") ?? "") },
            ],
          }),
        },
        { apiBasePath },
      );
      const body = await response.json().catch(() => null);
      if (response.ok && body?.status === "OK") {
        window.location.assign(safeRedirectPath(redirectToPath));
        return;
      }
      if (body?.status === "FIELD_ERROR" && Array.isArray(body.formFields)) {
        const errors: FieldErrors = Object.fromEntries(body.formFields.map((f: { id: string; error: string }) => [f.id, f.error]));
        setFieldErrors(errors);
        focusFirstInvalid(form, errors);
      } else if (body?.status === "WRONG_CREDENTIALS_ERROR") {
        setFormError(MESSAGES.WRONG_CREDENTIALS_ERROR);
      } else {
        setFormError(typeof body?.message === "string" && response.status < 500 ? body.message : MESSAGES.GENERAL);
      }
    } catch {
      setFormError(MESSAGES.GENERAL);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }

  return (
    <form className="gh-card gh-auth-form" aria-label={title} aria-busy={pending} onSubmit={onSubmit} noValidate>
      <h1 className="gh-title">{title}</h1>
      <p className="gh-muted">
        {isSignUp ? "Already have an account? " : "New here? "}
        <a href={switchHref}>{isSignUp ? "Sign in instead" : "Create an account"}</a>
      </p>
      <div className="gh-field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete={isSignUp ? "email" : "username"}
          required
          aria-invalid={Boolean(fieldErrors.email)}
          aria-describedby={fieldErrors.email ? "email-error" : undefined}
        />
        {fieldErrors.email && <p id="email-error" className="gh-error" role="alert">{fieldErrors.email}</p>}
      </div>
      <div className="gh-field">
        <label htmlFor="password">Password</label>
        <PasswordInput
          id="password"
          name="password"
          autoComplete={isSignUp ? "new-password" : "current-password"}
          required
          aria-invalid={Boolean(fieldErrors.password)}
          aria-describedby={fieldErrors.password ? "password-error" : undefined}
        />
        {fieldErrors.password && <p id="password-error" className="gh-error" role="alert">{fieldErrors.password}</p>}
        {!isSignUp && <a href={forgotPasswordHref}>Forgot password?</a>}
      </div>
      {formError && <p id="form-error" className="gh-error" role="alert">{formError}</p>}
      <button className="gh-button" type="submit" disabled={pending}>{title}</button>
    </form>
  );
}

/** Moves focus to the first field (in document order) the server rejected, so keyboard and screen-reader users land on it. */
function focusFirstInvalid(form: HTMLFormElement, errors: FieldErrors) {
  const first = Array.from(form.elements).find((el) => el instanceof HTMLInputElement && errors[el.name]);
  if (first instanceof HTMLInputElement) first.focus();
}
