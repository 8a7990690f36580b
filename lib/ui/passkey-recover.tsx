"use client";

import { useState, type FormEvent } from "react";
import { usePendingTask } from "./use-pending-task";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { callAuthApi, messageOf, type FdiAnswer } from "./fdi-post";
import { Field } from "./field";
import { useHydrated } from "./hydrated";
import { pathForLink } from "./link-tenant";
import { registerPasskey } from "./passkey-ceremony";
import { pickMessages, type MessagesOf } from "./client-messages";
import { PASSKEY_RECOVER_MESSAGES } from "./sign-in-messages";

const ENGLISH = pickMessages(en, PASSKEY_RECOVER_MESSAGES);

export interface PasskeyRecoverProps {
  /** The emailed link's token; null shows the form that asks for one. */
  token: string | null;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The strings it shows, `pickMessages(t, PASSKEY_RECOVER_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof PASSKEY_RECOVER_MESSAGES)[number]>;
}

/** Recovery by email: ask for a link, then (from the link) make a new passkey for the account. */
export function PasskeyRecover({ token, apiBasePath = "/api/auth", websiteBasePath = "/auth", messages: t = ENGLISH }: PasskeyRecoverProps) {
  const { pending, error, setError, notice, setNotice, run } = usePendingTask(t.general);
  const [done, setDone] = useState(false);
  // Until React hydrates the request form, a click would submit it natively and lose the address
  // (see auth-form.tsx): its button waits for hydration. So does the link's "Add a passkey", whose
  // click would be lost without a sign.
  const hydrated = useHydrated();

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    return run(async () => {
      const answer = await callAuthApi(apiBasePath, "/user/webauthn/reset/token", { rid: "webauthn", body: { email } });
      if (answer.body?.status === "OK") setNotice(format(t.passkeyRecoverSent, { email }));
      else if (answer.body?.status === "INVALID_EMAIL_ERROR") setError(t.emailInvalid);
      else setError(messageOf(answer, t));
    });
  };

  const add = () =>
    token &&
    run(async () => {
      // A link sent under an organization's tenant names it, and its token works only there.
      const tenantSegment = pathForLink("", window.location.search);
      const outcome = await registerPasskey(apiBasePath, { recoverAccountToken: token }, "/user/webauthn/reset", { token }, tenantSegment);
      if ("cancelled" in outcome) return setError(t.passkeyFailed);
      const status = (outcome.answer.body as FdiAnswer["body"])?.status;
      if (status === "OK") setDone(true);
      else if (status === "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR") setError(t.passkeyRecoverInvalid);
      else setError(messageOf(outcome.answer, t));
    });

  const errorLine = error && (
    <p className="gh-error" role="alert">
      {error}
    </p>
  );

  if (done) {
    return (
      <section className="gh-card" aria-labelledby="gh-recover-title">
        <h1 id="gh-recover-title">{t.passkeyRecoverTitle}</h1>
        <p role="status">{t.passkeyRecoverDone}</p>
        <a className="gh-button" href={websiteBasePath}>
          {t.passkeyGoToSignIn}
        </a>
      </section>
    );
  }

  if (token) {
    return (
      <section className="gh-card" aria-labelledby="gh-recover-title">
        <h1 id="gh-recover-title">{t.passkeyRecoverTitle}</h1>
        <noscript>
          <p className="gh-error">{t.javaScriptNeeded}</p>
        </noscript>
        <p className="gh-muted">{t.passkeyRecoverBody}</p>
        {errorLine}
        <button className="gh-button" type="button" onClick={add} disabled={pending || !hydrated} aria-busy={pending}>
          {t.passkeyRecoverButton}
        </button>
      </section>
    );
  }

  return (
    <form method="post" className="gh-card" aria-labelledby="gh-recover-title" onSubmit={ask} noValidate>
      <h1 id="gh-recover-title">{t.passkeyRecoverTitle}</h1>
      <noscript>
        <p className="gh-error">{t.javaScriptNeeded}</p>
      </noscript>
      <p className="gh-muted">{t.passkeyRecoverIntro}</p>
      <Field id="recover-email" label={t.email} control={(field) => <input {...field} name="email" type="email" autoComplete="email" required />} />
      {errorLine}
      {notice && <p role="status">{notice}</p>}
      <button className="gh-button" type="submit" disabled={pending || !hydrated} aria-busy={pending}>
        {t.passkeyRecoverSend}
      </button>
    </form>
  );
}
