"use client";

import { useRef, useState, type FormEvent } from "react";
import { callAuthApi, GENERAL_MESSAGE, messageOf } from "./fdi-post";
import { PasswordInput } from "./password-input";

type Errors = { oldPassword?: string; newPassword?: string; confirm?: string };

/** /account's "Change password": the current password, the new one twice. Embeddable. */
export function ChangePasswordForm({ apiBasePath = "/api/auth" }: { apiBasePath?: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? "");
    setErrors({});
    setFormError(null);
    setDone(null);
    if (value("newPassword") !== value("confirm")) return show(form, { confirm: "The passwords do not match" });
    inFlight.current = true;
    setPending(true);
    try {
      const answer = await callAuthApi(apiBasePath, "/user/password/change", {
        rid: "emailpassword",
        body: { oldPassword: value("oldPassword"), newPassword: value("newPassword") },
      });
      const status = answer.body?.status;
      if (status === "OK") {
        form.reset();
        setDone("Your password was changed, and your other devices were signed out.");
      } else if (status === "WRONG_CREDENTIALS_ERROR") show(form, { oldPassword: "The current password is not right" });
      else if (status === "FIELD_ERROR") show(form, { newPassword: answer.body?.formFields?.[0]?.error ?? GENERAL_MESSAGE });
      else setFormError(messageOf(answer));
    } catch {
      setFormError(GENERAL_MESSAGE);
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

  const field = (name: keyof Errors, id: string, label: string, autoComplete: string) => (
    <div className="gh-field">
      <label htmlFor={id}>{label}</label>
      <PasswordInput
        id={id}
        name={name}
        autoComplete={autoComplete}
        required
        aria-invalid={Boolean(errors[name])}
        aria-describedby={errors[name] ? `${id}-error` : undefined}
      />
      {errors[name] && <p id={`${id}-error`} className="gh-error" role="alert">{errors[name]}</p>}
    </div>
  );

  return (
    <form method="post" className="gh-card" aria-labelledby="change-password-title" aria-busy={pending} onSubmit={onSubmit} noValidate>
      <h2 id="change-password-title" className="gh-title">Change password</h2>
      {field("oldPassword", "current-password", "Current password", "current-password")}
      {field("newPassword", "new-password", "New password", "new-password")}
      {field("confirm", "confirm-password", "Confirm the new password", "new-password")}
      {formError && <p className="gh-error" role="alert">{formError}</p>}
      {done && <p className="gh-success" role="status">{done}</p>}
      <button className="gh-button" type="submit" disabled={pending}>Change password</button>
    </form>
  );
}
