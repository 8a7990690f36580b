"use client";

import { useState, type FormEvent } from "react";
import { callAuthApi, messageOf } from "./fdi-post";
import { en } from "../i18n/en";
import { formatRich } from "./format-rich";
import { localiseServerMessage } from "../i18n/server-messages";
import { Field } from "./field";
import { DevOutboxNotice } from "./dev-outbox-notice";
import { STATUS } from "../auth/wire-codes";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { RESET_PASSWORD_REQUEST_FORM_MESSAGES } from "./email-link-messages";

const ENGLISH = pickMessages(en, RESET_PASSWORD_REQUEST_FORM_MESSAGES);

export interface ResetPasswordRequestFormProps {
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The sign-in page, linked below the form. @default "/auth" */
  signInPath?: string;
  /** The strings it shows, `pickMessages(t, RESET_PASSWORD_REQUEST_FORM_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof RESET_PASSWORD_REQUEST_FORM_MESSAGES)[number]>;
  /** Development without SMTP_URL: the dev outbox's path, shown where an email "was sent". @default none */
  devOutboxPath?: string;
}

/**
 * Step 1 of a password reset: asks for the email and sends the link. The answer is the same
 * whether or not the address has an account, and so is what this form shows.
 */
export function ResetPasswordRequestForm({
  apiBasePath = "/api/auth",
  signInPath = "/auth",
  messages: t = ENGLISH,
  devOutboxPath,
}: ResetPasswordRequestFormProps) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // SubmitButton waits for hydration; what was typed before it stays in the fields, which onSubmit reads.

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
      else if (answer.body?.status === STATUS.FIELD_ERROR) setEmailError(answer.body.formFields?.find((f) => f.id === "email")?.error ?? t.general);
      else setFormError(messageOf(answer, t));
    } catch {
      setFormError(t.general);
    } finally {
      setPending(false);
    }
  }

  if (sentTo !== null) {
    return (
      <div className="gh-card" role="status" aria-live="polite">
        <h1>{t.resetSentTitle}</h1>
        <p>{formatRich(t.resetSentBody, { email: <strong>{sentTo}</strong> })}</p>
        {devOutboxPath && <DevOutboxNotice href={devOutboxPath} messages={t} />}
        <p className="gh-muted">
          <a href={signInPath}>{t.backToSignIn}</a>
        </p>
      </div>
    );
  }

  return (
    <form method="post" className="gh-card" aria-label={t.resetTitle} onSubmit={onSubmit} noValidate>
      <h1>{t.resetTitle}</h1>
      <noscript>
        <p className="gh-error">{t.javaScriptNeeded}</p>
      </noscript>
      <p className="gh-muted">{t.resetIntro}</p>
      <Field
        id="reset-email"
        label={t.email}
        error={emailError && localiseServerMessage(emailError, t)}
        control={(field) => <input {...field} name="email" type="email" autoComplete="email" required />}
      />
      {formError && (
        <p className="gh-error" role="alert">
          {formError}
        </p>
      )}
      <SubmitButton pending={pending}>{t.resetSubmit}</SubmitButton>
      <p className="gh-muted">
        <a href={signInPath}>{t.backToSignIn}</a>
      </p>
    </form>
  );
}
