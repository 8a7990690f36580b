"use client";

import { useState, type FormEvent } from "react";
import { pathForLink } from "./link-tenant";
import { callAuthApi } from "./fdi-post";
import { en } from "../i18n/en";
import { returnPath } from "./verify-email-return";
import { useHydrated } from "./hydrated";
import { pickMessages, type MessagesOf } from "./client-messages";
import { VERIFY_EMAIL_LINK_MESSAGES } from "./email-link-messages";

const ENGLISH = pickMessages(en, VERIFY_EMAIL_LINK_MESSAGES);

export interface VerifyEmailLinkProps {
  /** The `token` query parameter of the emailed link. */
  token: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The strings it shows, `pickMessages(t, VERIFY_EMAIL_LINK_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof VERIFY_EMAIL_LINK_MESSAGES)[number]>;
}

type State = "ready" | "verifying" | "verified" | "invalid" | "error";

/**
 * Opened from the emailed link. Nothing is spent on load: mail scanners, link previews and
 * prefetchers open links with GET, and one of them would otherwise verify the address for
 * whoever asked for the link (the unverified-email squatting attack). The token is used once,
 * by the POST the button sends. When this browser is signed in as the same user, the answer
 * also carries the session's refreshed claim.
 */
export function VerifyEmailLink({ token, apiBasePath = "/api/auth", websiteBasePath = "/auth", messages: t = ENGLISH }: VerifyEmailLinkProps) {
  const [state, setState] = useState<State>("ready");
  // Until React hydrates the form, a click would submit it natively: the page answers with itself
  // and nothing is verified (see auth-form.tsx). So the button waits for hydration.
  const hydrated = useHydrated();
  const verify = (event: FormEvent) => {
    event.preventDefault();
    if (state !== "ready") return;
    setState("verifying");
    callAuthApi(apiBasePath, pathForLink("/user/email/verify", window.location.search), {
      rid: "emailverification",
      body: { method: "token", token },
    })
      .then(({ body }) =>
        setState(body?.status === "OK" ? "verified" : body?.status === "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" ? "invalid" : "error"),
      )
      .catch(() => setState("error"));
  };

  if (state === "ready" || state === "verifying") {
    return (
      <form method="post" className="gh-card" onSubmit={verify}>
        <h1>{t.confirmEmailTitle}</h1>
        <noscript>
          <p className="gh-error">{t.javaScriptNeeded}</p>
        </noscript>
        <p>{t.confirmEmailBody}</p>
        <button className="gh-button" type="submit" disabled={state === "verifying" || !hydrated} aria-busy={state === "verifying"}>
          {t.confirmEmailButton}
        </button>
        {state === "verifying" ? (
          <p className="gh-muted" role="status">
            {t.verifyingEmail}
          </p>
        ) : null}
      </form>
    );
  }
  if (state === "verified") {
    return (
      <div className="gh-card" role="status" aria-live="polite">
        <h1>{t.emailVerifiedTitle}</h1>
        <p>{t.emailVerifiedBody}</p>
        <p>
          <a className="gh-button" href={returnPath()}>
            {t.continue}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="gh-card" role="alert">
      <h1>{state === "invalid" ? t.linkExpiredTitle : t.somethingWentWrong}</h1>
      <p>{state === "invalid" ? t.linkExpiredBody : t.verifyFailedBody}</p>
      <p>
        <a href={`${websiteBasePath}/verify-email`}>{t.sendNewLink}</a>
      </p>
    </div>
  );
}
