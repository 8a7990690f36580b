"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { safeRedirectPath } from "../auth/safe-redirect";
import { en } from "../i18n/en";
import { localiseServerMessage } from "../i18n/server-messages";
import { pathForLink } from "./link-tenant";
import { callAuthApi, messageOf } from "./fdi-post";
import { pickMessages, type MessagesOf } from "./client-messages";
import { PASSWORDLESS_LINK_MESSAGES } from "./sign-in-messages";

const ENGLISH = pickMessages(en, PASSWORDLESS_LINK_MESSAGES);

export interface PasswordlessLinkProps {
  /** The link's `preAuthSessionId` query parameter. */
  preAuthSessionId: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The sign-in page, for "Start again". @default "/auth" */
  signInPath?: string;
  /** Where to go once signed in; kept same-origin. @default "/" */
  redirectToPath?: string | null;
  /** Where to land without a `redirectToPath` (config `ui.afterSignInPath`); an unsafe one lands on "/". @default "/" */
  afterSignInPath?: string;
  /** The strings it shows, `pickMessages(t, PASSWORDLESS_LINK_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof PASSWORDLESS_LINK_MESSAGES)[number]>;
}

type State =
  | { kind: "ready" | "signing-in" | "invalid" }
  | { kind: "refused"; message: string }
  /** No answer about the link (the network, a limit, the server): it is unspent, and can be tried again. */
  | { kind: "failed"; message: string };

/**
 * The magic link's landing page. Nothing is spent on load: mail scanners and link previews open
 * links with GET (and some run their scripts), so the link code is used only by the POST the
 * button sends. The code sits in the URL's fragment, which no request carries.
 */
function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

const readHash = () => window.location.hash.slice(1);

export function PasswordlessLink({
  preAuthSessionId,
  apiBasePath = "/api/auth",
  signInPath = "/auth",
  redirectToPath,
  afterSignInPath,
  messages: t = ENGLISH,
}: PasswordlessLinkProps) {
  const [state, setState] = useState<State>({ kind: "ready" });
  // The fragment exists only in the browser: empty while rendering on the server, then read from the page.
  const linkCode = useSyncExternalStore(subscribeToHash, readHash, () => "");

  const signIn = (event: FormEvent) => {
    event.preventDefault();
    if (state.kind !== "ready" && state.kind !== "failed") return;
    setState({ kind: "signing-in" });
    callAuthApi(apiBasePath, pathForLink("/signinup/code/consume", window.location.search), {
      rid: "passwordless",
      body: { preAuthSessionId, linkCode },
    })
      .then((answer) => {
        const { httpStatus, body } = answer;
        if (body?.status === "OK") window.location.assign(safeRedirectPath(redirectToPath || afterSignInPath));
        else if (body?.status === "SIGN_IN_UP_NOT_ALLOWED")
          setState({ kind: "refused", message: localiseServerMessage((body as { reason?: string }).reason ?? t.general, t) });
        // The server judged the link (used, expired, unknown): only a new one helps.
        else if (httpStatus === 200) setState({ kind: "invalid" });
        // A limit's 429, a 5xx, an Origin refusal: nothing was said of the link, which is still good.
        else setState({ kind: "failed", message: messageOf(answer, t) });
      })
      .catch(() => setState({ kind: "failed", message: t.general }));
  };

  if (state.kind === "ready" || state.kind === "signing-in" || state.kind === "failed") {
    return (
      <form method="post" className="gh-card" onSubmit={signIn}>
        <h1>{t.passwordlessLinkTitle}</h1>
        <noscript>
          <p className="gh-error">{t.javaScriptNeeded}</p>
        </noscript>
        <p>{t.passwordlessLinkBody}</p>
        <button
          className="gh-button"
          type="submit"
          disabled={state.kind === "signing-in" || !linkCode || !preAuthSessionId}
          aria-busy={state.kind === "signing-in"}
        >
          {t.passwordlessLinkButton}
        </button>
        {state.kind === "signing-in" ? (
          <p className="gh-muted" role="status">
            {t.passwordlessLinkSigningIn}
          </p>
        ) : null}
        {state.kind === "failed" ? (
          <p className="gh-error" role="alert">
            {state.message}
          </p>
        ) : null}
      </form>
    );
  }
  return (
    <div className="gh-card" role="alert">
      <h1>{state.kind === "invalid" ? t.passwordlessLinkInvalidTitle : t.somethingWentWrong}</h1>
      <p>{state.kind === "refused" ? state.message : t.passwordlessLinkInvalidBody}</p>
      <p>
        <a href={signInPath}>{t.passwordlessStartAgain}</a>
      </p>
    </div>
  );
}
