"use client";

import { useEffect, useState, type FormEvent } from "react";
import { usePendingTask } from "./use-pending-task";
import { safeRedirectPath } from "../auth/safe-redirect";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { localiseServerMessage } from "../i18n/server-messages";
import { callAuthApi, messageOf } from "./fdi-post";
import { Field } from "./field";
import { formatRich } from "./format-rich";
import { useHydrated } from "./hydrated";
import { pickMessages, type MessagesOf } from "./client-messages";
import { PASSWORDLESS_FORM_MESSAGES } from "./sign-in-messages";

const ENGLISH = pickMessages(en, PASSWORDLESS_FORM_MESSAGES);

export interface PasswordlessFormProps {
  /** What the email carries (`config.passwordless.flowType`). @default "USER_INPUT_CODE_AND_MAGIC_LINK" */
  flowType?: "USER_INPUT_CODE" | "MAGIC_LINK" | "USER_INPUT_CODE_AND_MAGIC_LINK";
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** Where to go once signed in; kept same-origin. @default "/" */
  redirectToPath?: string | null;
  /** Where to land without a `redirectToPath` (config `ui.afterSignInPath`); an unsafe one lands on "/". @default "/" */
  afterSignInPath?: string;
  /** Seconds before "Send a new code" is offered. @default 30 */
  resendAfterSeconds?: number;
  /** The strings it shows, `pickMessages(t, PASSWORDLESS_FORM_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof PASSWORDLESS_FORM_MESSAGES)[number]>;
}

/** The sign-in attempt this browser started: the device id never leaves this page's memory. */
interface Attempt {
  email: string;
  deviceId: string;
  preAuthSessionId: string;
}

const RID = "passwordless";

/**
 * Passwordless sign-in: asks for the email, sends the code and/or link, then shows "check your
 * inbox" with the code entry (in a code flow), the attempts left and a resend countdown.
 */
export function PasswordlessForm({
  flowType = "USER_INPUT_CODE_AND_MAGIC_LINK",
  apiBasePath = "/api/auth",
  redirectToPath,
  afterSignInPath,
  resendAfterSeconds = 30,
  messages: t = ENGLISH,
}: PasswordlessFormProps) {
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  // The address last sent to: when the flow must start again, the email step shows it again.
  const [lastEmail, setLastEmail] = useState("");
  const { pending, error, setError, notice, setNotice, run } = usePendingTask(t.general);
  const [resendIn, setResendIn] = useState(0);
  // Until React hydrates the email form, a click would submit it natively and lose the address (see
  // auth-form.tsx): its button waits for hydration. The code form comes only after it, in the browser.
  const hydrated = useHydrated();
  const withCode = flowType !== "MAGIC_LINK";

  useEffect(() => {
    if (resendIn <= 0) return;
    const timer = setTimeout(() => setResendIn((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [resendIn]);

  const start = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setLastEmail(email);
    return run(async () => {
      const answer = await callAuthApi(apiBasePath, "/signinup/code", { rid: RID, body: { email } });
      const body = answer.body as (typeof answer.body & { deviceId?: string; preAuthSessionId?: string }) | null;
      if (answer.httpStatus === 200 && body?.status === "OK" && body.deviceId && body.preAuthSessionId) {
        setAttempt({ email, deviceId: body.deviceId, preAuthSessionId: body.preAuthSessionId });
        setResendIn(resendAfterSeconds);
      } else setError(messageOf(answer, t));
    });
  };

  const consume = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!attempt) return;
    const userInputCode = String(new FormData(event.currentTarget).get("code") ?? "");
    return run(async () => {
      const answer = await callAuthApi(apiBasePath, "/signinup/code/consume", {
        rid: RID,
        body: { deviceId: attempt.deviceId, preAuthSessionId: attempt.preAuthSessionId, userInputCode },
      });
      const body = answer.body as
        (typeof answer.body & { reason?: string; failedCodeInputAttemptCount?: number; maximumCodeInputAttempts?: number }) | null;
      const left = Math.max(0, (body?.maximumCodeInputAttempts ?? 0) - (body?.failedCodeInputAttemptCount ?? 0));
      switch (body?.status) {
        case "OK":
          window.location.assign(safeRedirectPath(redirectToPath || afterSignInPath));
          return;
        case "INCORRECT_USER_INPUT_CODE_ERROR":
          return setError(format(t.passwordlessWrongCode, { count: String(left) }));
        case "EXPIRED_USER_INPUT_CODE_ERROR":
          return setError(format(t.passwordlessExpiredCode, { count: String(left) }));
        case "RESTART_FLOW_ERROR":
          setAttempt(null);
          return setError(t.passwordlessRestart);
        case "SIGN_IN_UP_NOT_ALLOWED":
          return setError(body.reason ? localiseServerMessage(body.reason, t) : t.general);
        default:
          return setError(messageOf(answer, t));
      }
    });
  };

  const resend = () =>
    attempt &&
    run(async () => {
      const answer = await callAuthApi(apiBasePath, "/signinup/code/resend", {
        rid: RID,
        body: { deviceId: attempt.deviceId, preAuthSessionId: attempt.preAuthSessionId },
      });
      if (answer.body?.status === "OK") {
        setNotice(t.passwordlessResent);
        setResendIn(resendAfterSeconds);
      } else if (answer.body?.status === "RESTART_FLOW_ERROR") {
        setAttempt(null);
        setError(t.passwordlessRestart);
      } else setError(messageOf(answer, t));
    });

  const errorLine = error && (
    <p className="gh-error" role="alert">
      {error}
    </p>
  );

  if (!attempt) {
    return (
      // Keyed apart from the code form: React would otherwise keep the code's input element, with
      // the code typed in it, as the email field when the flow starts again.
      <form key="email" method="post" className="gh-card" aria-labelledby="gh-passwordless-title" onSubmit={start} noValidate>
        <h2 id="gh-passwordless-title">{t.passwordlessTitle}</h2>
        <noscript>
          <p className="gh-error">{t.javaScriptNeededSignIn}</p>
        </noscript>
        <p className="gh-muted">
          {flowType === "MAGIC_LINK" ? t.passwordlessIntroLink : flowType === "USER_INPUT_CODE" ? t.passwordlessIntroCode : t.passwordlessIntroBoth}
        </p>
        <Field
          id="passwordless-email"
          label={t.email}
          control={(field) => <input {...field} name="email" type="email" autoComplete="email" defaultValue={lastEmail} required />}
        />
        {errorLine}
        <button className="gh-button" type="submit" disabled={pending || !hydrated} aria-busy={pending}>
          {withCode ? t.passwordlessSendCode : t.passwordlessSendLink}
        </button>
      </form>
    );
  }

  return (
    <form key="code" method="post" className="gh-card" aria-labelledby="gh-passwordless-title" onSubmit={consume} noValidate>
      <h2 id="gh-passwordless-title">{t.passwordlessCheckInbox}</h2>
      <p role="status">{formatRich(t.passwordlessSentTo, { email: <strong>{attempt.email}</strong> })}</p>
      {flowType !== "USER_INPUT_CODE" && <p className="gh-muted">{t.passwordlessLinkHint}</p>}
      {withCode && (
        <Field
          id="passwordless-code"
          label={t.passwordlessCode}
          control={(field) => (
            <input {...field} name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 -]*" required />
          )}
        />
      )}
      {errorLine}
      {notice && (
        <p className="gh-muted" role="status">
          {notice}
        </p>
      )}
      {withCode && (
        <button className="gh-button" type="submit" disabled={pending} aria-busy={pending}>
          {t.passwordlessSubmitCode}
        </button>
      )}
      <p className="gh-muted">
        {resendIn > 0 ? (
          <span>{format(t.passwordlessResendIn, { seconds: String(resendIn) })}</span>
        ) : (
          <button type="button" className="gh-button-secondary" onClick={resend} disabled={pending} aria-busy={pending}>
            {t.passwordlessResend}
          </button>
        )}{" "}
        <button
          type="button"
          className="gh-button-secondary"
          onClick={() => {
            setAttempt(null);
            setError(null);
            setNotice(null);
          }}
        >
          {t.passwordlessOtherAddress}
        </button>
      </p>
    </form>
  );
}
