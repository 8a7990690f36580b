"use client";

import { useState, type FormEvent } from "react";
import { checkPasswordRules, type NewCredentialRules } from "../auth/emailpassword/credential-checks";
import { pathForLink } from "./link-tenant";
import { callAuthApi, messageOf } from "./fdi-post";
import { en } from "../i18n/en";
import { localiseServerMessage } from "../i18n/server-messages";
import { useLiveCheck } from "./live-check";
import { PasswordInput } from "./password-input";
import { Field } from "./field";
import { STATUS } from "../auth/wire-codes";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { NEW_PASSWORD_FORM_MESSAGES } from "./email-link-messages";

const ENGLISH = pickMessages(en, NEW_PASSWORD_FORM_MESSAGES);

export interface NewPasswordFormProps {
  /** The token from the emailed link (`?token=`). */
  token: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The sign-in page. @default "/auth" */
  signInPath?: string;
  /** Where to ask for a new link when this one no longer works. @default "/auth/reset-password" */
  requestPath?: string;
  /**
   * The server's rules for a new password (`emailPassword.passwordPolicy` and `.validators`),
   * so the browser checks as the user types; the server checks again. @default none: the server alone checks
   */
  passwordRules?: NewCredentialRules;
  /** The strings it shows, `pickMessages(t, NEW_PASSWORD_FORM_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof NEW_PASSWORD_FORM_MESSAGES)[number]>;
}

/** Step 2 of a password reset: the new password, set with the emailed token. */
export function NewPasswordForm(props: NewPasswordFormProps) {
  const {
    token,
    apiBasePath = "/api/auth",
    signInPath = "/auth",
    requestPath = "/auth/reset-password",
    passwordRules,
    messages: t = ENGLISH,
  } = props;
  const [outcome, setOutcome] = useState<"done" | "invalid" | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // SubmitButton waits for hydration; what was typed before it stays in the fields, which onSubmit reads.
  const checkPassword = passwordRules && ((value: string) => checkPasswordRules(passwordRules, value));
  const livePassword = useLiveCheck(
    checkPassword,
    Boolean(fieldErrors.password),
    (password) => setFieldErrors((prev) => ({ ...prev, password })),
    passwordRules?.passwordPolicy.minLength,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    setFieldErrors({});
    setFormError(null);
    const passwordError = checkPassword?.(password);
    if (passwordError) {
      setFieldErrors({ password: passwordError });
      (event.currentTarget.elements.namedItem("password") as HTMLInputElement | null)?.focus();
      return;
    }
    if (password !== String(data.get("confirm") ?? "")) {
      setFieldErrors({ confirm: t.passwordsDoNotMatch });
      return;
    }
    setPending(true);
    try {
      const answer = await callAuthApi(apiBasePath, pathForLink("/user/password/reset", window.location.search), {
        rid: "emailpassword",
        body: { method: "token", token, formFields: [{ id: "password", value: password }] },
      });
      const status = answer.body?.status;
      if (status === "OK") setOutcome("done");
      else if (status === "RESET_PASSWORD_INVALID_TOKEN_ERROR") setOutcome("invalid");
      else if (status === STATUS.FIELD_ERROR)
        setFieldErrors({ password: answer.body?.formFields?.find((f) => f.id === "password")?.error ?? t.general });
      else setFormError(messageOf(answer, t));
    } catch {
      setFormError(t.general);
    } finally {
      setPending(false);
    }
  }

  if (outcome === "done") {
    return (
      <div className="gh-card" role="status" aria-live="polite">
        <h1>{t.passwordResetDoneTitle}</h1>
        <p>{t.passwordResetDoneBody}</p>
        <p>
          <a className="gh-button" href={signInPath}>
            {t.signInTitle}
          </a>
        </p>
      </div>
    );
  }
  if (outcome === "invalid") {
    return (
      <div className="gh-card" role="alert">
        <h1>{t.linkExpiredTitle}</h1>
        <p>{t.linkExpiredBody}</p>
        <p>
          <a href={requestPath}>{t.sendNewLink}</a>
        </p>
      </div>
    );
  }

  return (
    <form method="post" className="gh-card" aria-label={t.newPasswordTitle} onSubmit={onSubmit} noValidate>
      <h1>{t.newPasswordTitle}</h1>
      <noscript>
        <p className="gh-error">{t.javaScriptNeeded}</p>
      </noscript>
      <Field
        id="new-password"
        label={t.newPassword}
        error={fieldErrors.password && localiseServerMessage(fieldErrors.password, t)}
        control={(field) => (
          <PasswordInput
            {...field}
            name="password"
            autoComplete="new-password"
            showLabel={t.showPassword}
            hideLabel={t.hidePassword}
            required
            {...livePassword}
          />
        )}
      />
      <Field
        id="confirm-password"
        label={t.confirmNewPassword}
        error={fieldErrors.confirm}
        control={(field) => (
          <PasswordInput {...field} name="confirm" autoComplete="new-password" showLabel={t.showPassword} hideLabel={t.hidePassword} required />
        )}
      />
      {formError && (
        <p className="gh-error" role="alert">
          {formError}
        </p>
      )}
      <SubmitButton pending={pending}>{t.changePassword}</SubmitButton>
    </form>
  );
}
