"use client";

import { useState, type FormEvent } from "react";
import { en } from "../i18n/en";
import { format } from "../i18n";
import { callMfaApi } from "./mfa-api";
import { useHydrated } from "./hydrated";
import { pickMessages, type MessagesOf } from "./client-messages";
import { MFA_CHALLENGE_MESSAGES } from "./account-messages";

const ENGLISH = pickMessages(en, MFA_CHALLENGE_MESSAGES);

export interface MfaChallengeProps {
  apiBasePath?: string;
  /** Where to go once the code is accepted (a safe, same-origin path). */
  redirectToPath: string;
  /** A step-up for a sensitive action rather than the sign-in's second factor. */
  stepUp?: boolean;
  /** The strings it shows, `pickMessages(t, MFA_CHALLENGE_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof MFA_CHALLENGE_MESSAGES)[number]>;
}

/** `/auth/mfa`: a code from the authenticator app, or a recovery code. Embeddable. */
export function MfaChallenge({ apiBasePath = "/api/auth", redirectToPath, stepUp = false, messages: t = ENGLISH }: MfaChallengeProps) {
  const [mode, setMode] = useState<"totp" | "recovery">("totp");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until React hydrates the form, a click would submit it natively and lose the code (see
  // auth-form.tsx): the button waits for hydration, and onSubmit reads the field. So does the
  // switch between code kinds, whose click would be lost without a sign.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      const answer =
        mode === "totp"
          ? await callMfaApi(apiBasePath, "/totp/verify", { totp: value })
          : await callMfaApi(apiBasePath, "/mfa/recovery-code/verify", { recoveryCode: value });
      const body = answer.body ?? {};
      if (body.status === "OK") return window.location.assign(redirectToPath);
      if (body.status === "INVALID_TOTP_ERROR") {
        setError(format(t.mfaInvalidCode, { count: String(body.currentNumberOfFailedAttempts), max: String(body.maxNumberOfFailedAttempts) }));
      } else if (body.status === "INVALID_RECOVERY_CODE_ERROR") setError(t.mfaInvalidRecoveryCode);
      else if (body.status === "LIMIT_REACHED_ERROR")
        setError(format(t.mfaLimitReached, { seconds: String(Math.ceil(Number(body.retryAfterMs) / 1000)) }));
      else setError(t.general);
    } catch {
      setError(t.general);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="gh-card" aria-labelledby="mfa-title">
      <h1 id="mfa-title" className="gh-title">
        {t.mfaTitle}
      </h1>
      <p>{mode === "totp" ? (stepUp ? t.mfaStepUp : t.mfaEnterCode) : t.mfaRecoveryCodesIntro}</p>
      <form method="post" onSubmit={onSubmit} noValidate key={mode}>
        <noscript>
          <p className="gh-error">{t.javaScriptNeeded}</p>
        </noscript>
        <div className="gh-field">
          <label htmlFor="mfa-code">{mode === "totp" ? t.mfaCode : t.mfaRecoveryCode}</label>
          <input
            id="mfa-code"
            name="code"
            className="gh-input"
            autoComplete="one-time-code"
            inputMode={mode === "totp" ? "numeric" : "text"}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "mfa-error" : undefined}
          />
        </div>
        {error && (
          <p id="mfa-error" className="gh-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="gh-button" disabled={pending || !hydrated}>
          {t.mfaVerify}
        </button>
      </form>
      <p>
        <button
          type="button"
          className="gh-button-secondary"
          disabled={!hydrated}
          onClick={() => (setMode(mode === "totp" ? "recovery" : "totp"), setError(null))}
        >
          {mode === "totp" ? t.mfaUseRecoveryCode : t.mfaUseAuthenticator}
        </button>
      </p>
    </section>
  );
}
