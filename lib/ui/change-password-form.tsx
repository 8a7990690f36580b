"use client";

import { useRef, useState, type FormEvent } from "react";
import { checkPasswordRules, type NewCredentialRules } from "../auth/emailpassword/credential-checks";
import { callAuthApi, messageOf } from "./fdi-post";
import { en } from "../i18n/en";
import { localiseServerMessage } from "../i18n/server-messages";
import { useLiveCheck } from "./live-check";
import { PasswordInput } from "./password-input";
import { Field } from "./field";
import { STATUS } from "../auth/wire-codes";
import { SubmitButton } from "./submit-button";
import { stepUpPath, stepUpPathFor } from "./mfa-api";
import { pickMessages, type MessagesOf } from "./client-messages";
import { CHANGE_PASSWORD_FORM_MESSAGES } from "./account-messages";

const ENGLISH = pickMessages(en, CHANGE_PASSWORD_FORM_MESSAGES);

type Errors = { oldPassword?: string; newPassword?: string; confirm?: string };

export interface ChangePasswordFormProps {
  /** @default "/api/auth" */
  apiBasePath?: string;
  /**
   * The server's rules for a new password (`emailPassword.passwordPolicy` and `.validators`),
   * so the browser checks as the user types; the server checks again. @default none: the server alone checks
   */
  passwordRules?: NewCredentialRules;
  /** The strings it shows, `pickMessages(t, CHANGE_PASSWORD_FORM_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof CHANGE_PASSWORD_FORM_MESSAGES)[number]>;
  /** Where the built-in pages live: a step-up (MFA) goes to its `/mfa` page and comes back. @default "/auth" */
  websiteBasePath?: string;
  /**
   * The session's step-up has lapsed already (`mfa.stepUpSeconds`; the page works it out with
   * `stepUpErrors`): the form asks for a recent code before anything is typed, since the passwords
   * would be lost on the way to the MFA page. Where it lapses while the user types, the submit
   * still goes there. @default false
   */
  stepUpFirst?: boolean;
  /** Where the MFA page comes back to after a step-up. @default the current page */
  returnTo?: string;
}

/** /account's "Change password": the current password, the new one twice. Embeddable. */
export function ChangePasswordForm({
  apiBasePath = "/api/auth",
  passwordRules,
  messages: t = ENGLISH,
  websiteBasePath = "/auth",
  stepUpFirst = false,
  returnTo,
}: ChangePasswordFormProps) {
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // SubmitButton waits for hydration; what was typed before it stays in the fields, which onSubmit reads.
  const inFlight = useRef(false);
  const checkPassword = passwordRules && ((value: string) => checkPasswordRules(passwordRules, value));
  const liveNewPassword = useLiveCheck(
    checkPassword,
    Boolean(errors.newPassword),
    (newPassword) => setErrors((prev) => ({ ...prev, newPassword })),
    passwordRules?.passwordPolicy.minLength,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? "");
    setErrors({});
    setFormError(null);
    setDone(null);
    const newPasswordError = checkPassword?.(value("newPassword"));
    if (newPasswordError) return show(form, { newPassword: newPasswordError });
    if (value("newPassword") !== value("confirm")) return show(form, { confirm: t.passwordsDoNotMatch });
    inFlight.current = true;
    setPending(true);
    try {
      const answer = await callAuthApi(apiBasePath, "/user/password/change", {
        rid: "emailpassword",
        body: { oldPassword: value("oldPassword"), newPassword: value("newPassword") },
      });
      const status = answer.body?.status;
      // With a second factor set up, a recent code first (step-up); the page comes back here.
      const stepUp = stepUpPathFor(
        { httpStatus: answer.httpStatus, body: answer.body as Record<string, unknown> | null },
        websiteBasePath,
        returnTo ?? window.location.pathname,
      );
      if (stepUp) return window.location.assign(stepUp);
      if (status === "OK") {
        form.reset();
        setDone(t.passwordChanged);
      } else if (status === "WRONG_CREDENTIALS_ERROR") show(form, { oldPassword: t.currentPasswordWrong });
      else if (status === STATUS.FIELD_ERROR) show(form, { newPassword: answer.body?.formFields?.[0]?.error ?? t.general });
      else setFormError(messageOf(answer, t));
    } catch {
      setFormError(t.general);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }

  function show(form: HTMLFormElement, next: Errors) {
    setErrors(next);
    const first = (["oldPassword", "newPassword", "confirm"] as const).find((name) => next[name]);
    if (first) (form.elements.namedItem(first) as HTMLInputElement | null)?.focus();
  }

  const field = (name: keyof Errors, id: string, label: string, autoComplete: string, live = {}) => (
    <Field
      id={id}
      label={label}
      error={errors[name] && localiseServerMessage(errors[name], t)}
      control={(control) => (
        <PasswordInput
          {...control}
          name={name}
          autoComplete={autoComplete}
          showLabel={t.showPassword}
          hideLabel={t.hidePassword}
          required
          {...live}
        />
      )}
    />
  );

  if (stepUpFirst) {
    return (
      <section className="gh-card" aria-labelledby="change-password-title">
        <h2 id="change-password-title" className="gh-title">
          {t.changePassword}
        </h2>
        <p>{t.stepUpBeforePasswordChange}</p>
        <a className="gh-button" href={stepUpPath(websiteBasePath, returnTo ?? "/account")}>
          {t.confirmItIsYou}
        </a>
      </section>
    );
  }

  return (
    <form method="post" className="gh-card" aria-labelledby="change-password-title" aria-busy={pending} onSubmit={onSubmit} noValidate>
      <h2 id="change-password-title" className="gh-title">
        {t.changePassword}
      </h2>
      <noscript>
        <p className="gh-error">{t.javaScriptNeeded}</p>
      </noscript>
      {field("oldPassword", "current-password", t.currentPassword, "current-password")}
      {field("newPassword", "new-password", t.newPassword, "new-password", liveNewPassword)}
      {field("confirm", "confirm-password", t.confirmNewPassword, "new-password")}
      {formError && (
        <p className="gh-error" role="alert">
          {formError}
        </p>
      )}
      {done && (
        <p className="gh-success" role="status">
          {done}
        </p>
      )}
      <SubmitButton pending={pending}>{t.changePassword}</SubmitButton>
    </form>
  );
}
