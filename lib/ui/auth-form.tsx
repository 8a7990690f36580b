"use client";

import { useRef, useState, type FormEvent } from "react";
import type { PasswordPolicy, SignUpField } from "../auth/config";
import type { EmailPasswordValidators } from "../auth/config-email-password-validators";
import { validateSignUpField } from "../auth/emailpassword/sign-up-fields";
import { checkNewEmail, checkPasswordRules } from "../auth/emailpassword/credential-checks";
import { gatehouseFetch } from "../client/fetch";
import { safeRedirectPath } from "../auth/safe-redirect";
import { en } from "../i18n/en";
import { localiseServerMessage } from "../i18n/server-messages";
import { useLiveCheck } from "./live-check";
import { PasswordInput } from "./password-input";
import { SignUpFieldInput } from "./sign-up-field-input";
import { Field } from "./field";
import { crossOriginMessage } from "./fdi-post";
import { STATUS } from "../auth/wire-codes";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { AUTH_FORM_MESSAGES } from "./sign-in-messages";

const ENGLISH = pickMessages(en, AUTH_FORM_MESSAGES);

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
  /** Extra sign-up fields (config `emailPassword.signUpFields`), checked here and again by the server. @default [] */
  signUpFields?: SignUpField[];
  /** Shown under the sign-up button when set. */
  termsOfServiceHref?: string;
  /** Shown under the sign-up button when set. */
  privacyPolicyHref?: string;
  /**
   * The server's password policy (`gatehouse().config.emailPassword.passwordPolicy`): with it,
   * sign-up checks the password in the browser as the user types. The server checks again.
   * @default none: the server alone checks the password
   */
  passwordPolicy?: Required<PasswordPolicy>;
  /**
   * The config's `emailPassword.validators`, run in the browser on sign-up as they run on the
   * server. Functions cannot pass from a server component: see ConfiguredAuthForm. @default the built-in checks
   */
  validators?: EmailPasswordValidators;
  /** The strings it shows, `pickMessages(t, AUTH_FORM_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof AUTH_FORM_MESSAGES)[number]>;
  /** Where to land without a `redirectToPath` (config `ui.afterSignInPath`); an unsafe one lands on "/". @default "/" */
  afterSignInPath?: string;
  /** The email field's first value, e.g. the invited address (`/auth?email=`); the user may change it. @default empty */
  initialEmail?: string;
}

type FieldErrors = Partial<Record<string, string>>;

/** Email+password sign-in or sign-up, speaking the FDI endpoints. Embeddable in any page. */
export function AuthForm(props: AuthFormProps) {
  const { mode, apiBasePath = "/api/auth", redirectToPath, switchHref, forgotPasswordHref = "/auth/reset-password", messages: t = ENGLISH } = props;
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // SubmitButton waits for hydration; what was typed before it stays in the fields, which onSubmit reads.
  // State updates are asynchronous: a second Enter before the re-render must still be refused.
  const inFlight = useRef(false);
  const isSignUp = mode === "signup";
  const extraFields = isSignUp ? (props.signUpFields ?? []) : [];
  const title = isSignUp ? t.signUpTitle : t.signInTitle;
  // Sign-up checks a new email and password as the server will; sign-in leaves them to it, so a
  // later, stricter rule never stops an existing account from signing in.
  const { passwordPolicy, validators } = props;
  const checkEmail = isSignUp ? (value: string) => checkNewEmail({ validators }, value) : undefined;
  const checkPassword = isSignUp && passwordPolicy ? (value: string) => checkPasswordRules({ passwordPolicy, validators }, value) : undefined;
  const setFieldError = (id: string, error: string | undefined) => setFieldErrors((prev) => ({ ...prev, [id]: error }));
  const liveEmail = useLiveCheck(checkEmail, Boolean(fieldErrors.email), (error) => setFieldError("email", error));
  const livePassword = useLiveCheck(
    checkPassword,
    Boolean(fieldErrors.password),
    (error) => setFieldError("password", error),
    passwordPolicy?.minLength,
  );
  const shown = (error: string | undefined) => error && localiseServerMessage(error, t);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const value = (id: string) => String(data.get(id) ?? "");
    // The browser's check saves a round trip; the server runs the same validators again.
    const clientErrors: FieldErrors = {};
    const emailError = checkEmail?.(value("email"));
    if (emailError) clientErrors.email = emailError;
    const passwordError = checkPassword?.(value("password"));
    if (passwordError) clientErrors.password = passwordError;
    for (const field of extraFields) {
      const error = validateSignUpField(field, value(field.id));
      if (error) clientErrors[field.id] = error;
    }
    if (Object.keys(clientErrors).length > 0) {
      setFieldErrors(clientErrors);
      focusFirstInvalid(form, clientErrors);
      return;
    }
    inFlight.current = true;
    setPending(true);
    setFieldErrors({});
    setFormError(null);
    try {
      const formFields = ["email", "password", ...extraFields.map((f) => f.id)].map((id) => ({ id, value: value(id) }));
      // Through the client module, so that the session's front token is stored before leaving.
      const response = await gatehouseFetch(
        `${apiBasePath}/${mode}`,
        {
          method: "POST",
          headers: { "content-type": "application/json", rid: "emailpassword" },
          body: JSON.stringify({ formFields }),
        },
        { apiBasePath },
      );
      const body = await response.json().catch(() => null);
      if (response.ok && body?.status === "OK") {
        // No redirectToPath: the configured landing page; an unsafe one: "/" (safeRedirectPath).
        window.location.assign(safeRedirectPath(redirectToPath || props.afterSignInPath));
        return;
      }
      if (body?.status === STATUS.FIELD_ERROR && Array.isArray(body.formFields)) {
        const errors: FieldErrors = Object.fromEntries(body.formFields.map((f: { id: string; error: string }) => [f.id, f.error]));
        setFieldErrors(errors);
        focusFirstInvalid(form, errors);
      } else if (body?.status === "WRONG_CREDENTIALS_ERROR") {
        setFormError(t.wrongCredentials);
      } else if ((body?.status === "SIGN_UP_NOT_ALLOWED" || body?.status === "SIGN_IN_NOT_ALLOWED") && typeof body.reason === "string") {
        // An organization's tenant (apiBasePath ending in /<tenantId>) refused, saying why and what to do.
        setFormError(localiseServerMessage(body.reason, t));
      } else if (response.status === 503) {
        setFormError(t.serviceUnavailable);
      } else {
        const refused = crossOriginMessage({ httpStatus: response.status, body }, t);
        setFormError(refused ?? (typeof body?.message === "string" && response.status < 500 ? localiseServerMessage(body.message, t) : t.general));
      }
    } catch {
      setFormError(t.general);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }

  return (
    <form method="post" className="gh-card gh-auth-form" aria-label={title} aria-busy={pending} onSubmit={onSubmit} noValidate>
      <h1 className="gh-title">{title}</h1>
      {/* method="post" above keeps a password out of the URL if the script never ran; say why nothing happens. */}
      <noscript>
        <p className="gh-error">{isSignUp ? t.javaScriptNeededSignUp : t.javaScriptNeededSignIn}</p>
      </noscript>
      <p className="gh-muted">
        {isSignUp ? t.haveAccount : t.newHere} <a href={switchHref}>{isSignUp ? t.signInInstead : t.createAccount}</a>
      </p>
      <Field
        id="email"
        label={t.email}
        error={shown(fieldErrors.email)}
        control={(field) => (
          <input
            {...field}
            name="email"
            type="email"
            autoComplete={isSignUp ? "email" : "username"}
            defaultValue={props.initialEmail}
            required
            {...liveEmail}
          />
        )}
      />
      <Field
        id="password"
        label={t.password}
        error={shown(fieldErrors.password)}
        control={(field) => (
          <PasswordInput
            {...field}
            name="password"
            autoComplete={isSignUp ? "new-password" : "current-password"}
            showLabel={t.showPassword}
            hideLabel={t.hidePassword}
            required
            {...livePassword}
          />
        )}
      >
        {!isSignUp && <a href={forgotPasswordHref}>{t.forgotPassword}</a>}
      </Field>
      {extraFields.map((field) => (
        <SignUpFieldInput key={field.id} field={field} error={shown(fieldErrors[field.id])} onError={setFieldError} optionalLabel={t.optional} />
      ))}
      {formError && (
        <p id="form-error" className="gh-error" role="alert">
          {formError}
        </p>
      )}
      <SubmitButton pending={pending}>{title}</SubmitButton>
      {isSignUp && (props.termsOfServiceHref || props.privacyPolicyHref) && (
        <p className="gh-legal" data-testid="legal-links">
          {t.legalPrefix} {props.termsOfServiceHref && <a href={props.termsOfServiceHref}>{t.termsOfService}</a>}
          {props.termsOfServiceHref && props.privacyPolicyHref && ` ${t.and} `}
          {props.privacyPolicyHref && <a href={props.privacyPolicyHref}>{t.privacyPolicy}</a>}.
        </p>
      )}
    </form>
  );
}

/** Moves focus to the first field (in document order) with an error, so keyboard and screen-reader users land on it. */
function focusFirstInvalid(form: HTMLFormElement, errors: FieldErrors) {
  const first = Array.from(form.elements).find((el) => el instanceof HTMLInputElement && errors[el.name]);
  if (first instanceof HTMLInputElement) first.focus();
}
