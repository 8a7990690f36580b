"use client";

import { useEffect, useRef, type FormEvent } from "react";
import { usePendingTask } from "./use-pending-task";
import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill } from "@simplewebauthn/browser";
import { safeRedirectPath } from "../auth/safe-redirect";
import { en } from "../i18n/en";
import { messageOf, type FdiAnswer } from "./fdi-post";
import { Field } from "./field";
import { useHydrated } from "./hydrated";
import { registerPasskey, signInWithPasskey, type CeremonyOutcome } from "./passkey-ceremony";
import { pickMessages, type MessagesOf } from "./client-messages";
import { PASSKEY_SIGN_IN_MESSAGES } from "./sign-in-messages";

const ENGLISH = pickMessages(en, PASSKEY_SIGN_IN_MESSAGES);

export interface PasskeySignInProps {
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** Where to go once signed in; kept same-origin. @default "/" */
  redirectToPath?: string | null;
  /** Where to land without a `redirectToPath` (config `ui.afterSignInPath`). @default "/" */
  afterSignInPath?: string;
  /** The strings it shows, `pickMessages(t, PASSKEY_SIGN_IN_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof PASSKEY_SIGN_IN_MESSAGES)[number]>;
}

/**
 * Passkeys on /auth: "Sign in with a passkey" (no email: the browser offers the passkeys it
 * holds), the same through the email field's autofill list (conditional mediation), and
 * "Create an account with a passkey" for the email typed there.
 */
export function PasskeySignIn({
  apiBasePath = "/api/auth",
  websiteBasePath = "/auth",
  redirectToPath,
  afterSignInPath,
  messages: t = ENGLISH,
}: PasskeySignInProps) {
  const { pending, error, setError, run: runTask } = usePendingTask(t.general);
  // Until React hydrates the sign-up form, a click would submit it natively and lose the address
  // (see auth-form.tsx): its button waits for hydration. So does "Sign in with a passkey", whose
  // click would be lost without a sign.
  const hydrated = useHydrated();
  const done = () => window.location.assign(safeRedirectPath(redirectToPath || afterSignInPath));

  const report = (outcome: CeremonyOutcome, refusals: Record<string, string>) => {
    if ("cancelled" in outcome) return setError(t.passkeyFailed);
    const status = (outcome.answer.body as FdiAnswer["body"])?.status;
    if (status === "OK") return done();
    setError((status && refusals[status]) || messageOf(outcome.answer, t));
  };

  // Set by a click's ceremony: an autofill not started by then stays off, since starting it would abort the click's.
  const clicked = useRef(false);

  // Conditional mediation: offer passkeys in the email field's autofill, for as long as the page is open.
  useEffect(() => {
    let live = true;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const outcome = await signInWithPasskey(apiBasePath, { autofill: true, mayStart: () => !clicked.current });
      // A cancelled autofill (another ceremony took over, or the page moved on) is no error.
      if (!live || "cancelled" in outcome) return;
      if (outcome.answer.body?.status === "OK") done();
      else setError(t.passkeyUnknown);
    })();
    return () => {
      live = false;
    };
    // Once per page: the autofill request lives until it is used or replaced.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const run = (task: () => Promise<void>) => {
    if (!browserSupportsWebAuthn()) return setError(t.passkeyNotSupported);
    clicked.current = true;
    return runTask(task);
  };

  const signIn = () => run(async () => report(await signInWithPasskey(apiBasePath), { INVALID_CREDENTIALS_ERROR: t.passkeyUnknown }));

  const signUp = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    return run(async () =>
      report(await registerPasskey(apiBasePath, { email }, "/webauthn/signup"), {
        EMAIL_ALREADY_EXISTS_ERROR: t.passkeyEmailTaken,
        INVALID_EMAIL_ERROR: t.emailInvalid,
      }),
    );
  };

  return (
    <section className="gh-card" aria-labelledby="gh-passkey-title">
      <h2 id="gh-passkey-title">{t.passkeyOr}</h2>
      <p className="gh-muted">{t.passkeyIntro}</p>
      <button className="gh-button" type="button" onClick={signIn} disabled={pending || !hydrated} aria-busy={pending}>
        {t.passkeySignIn}
      </button>
      <form method="post" onSubmit={signUp} noValidate>
        <Field
          id="passkey-email"
          label={t.email}
          control={(field) => <input {...field} name="email" type="email" autoComplete="username webauthn" required />}
        />
        <button className="gh-button-secondary" type="submit" disabled={pending || !hydrated} aria-busy={pending}>
          {t.passkeyCreateAccount}
        </button>
      </form>
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
      <p className="gh-muted">
        <a href={`${websiteBasePath}/webauthn/recover`}>{t.passkeyLost}</a>
      </p>
    </section>
  );
}
