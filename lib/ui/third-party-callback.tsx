"use client";

import { useEffect, useRef, useState } from "react";
import { gatehouseFetch } from "../client/fetch";
import { safeRedirectPath } from "../auth/safe-redirect";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { localiseServerMessage } from "../i18n/server-messages";
import { pickMessages, type MessagesOf } from "./client-messages";
import { CALLBACK_ERROR_MESSAGES, THIRD_PARTY_CALLBACK_MESSAGES } from "./sign-in-messages";

const ENGLISH = pickMessages(en, THIRD_PARTY_CALLBACK_MESSAGES);
const CALLBACK_ERROR_ENGLISH = pickMessages(en, CALLBACK_ERROR_MESSAGES);

export interface ThirdPartyCallbackProps {
  thirdPartyId: string;
  providerName: string;
  /** Where the auth API lives. @default "/api/auth" */
  apiBasePath?: string;
  websiteBasePath?: string;
  /** From the sealed state cookie; none means `afterSignInPath`, anything not same-origin "/". */
  redirectToPath: string | null;
  /** The strings it shows, `pickMessages(t, THIRD_PARTY_CALLBACK_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof THIRD_PARTY_CALLBACK_MESSAGES)[number]>;
  /** Where to land without a `redirectToPath` (config `ui.afterSignInPath`). @default "/" */
  afterSignInPath?: string;
}

/**
 * A provider failure in the UI's language. The server's English message names the technical
 * cause ("state mismatch"); another language gets the plain meaning of its `code` instead.
 */
function providerFailure(
  body: { message: string; code?: string },
  providerName: string,
  t: MessagesOf<(typeof THIRD_PARTY_CALLBACK_MESSAGES)[number]>,
): string {
  // Compared by text, not identity: a dictionary passed from a server page arrives as a copy.
  if (t.providerFailed === en.providerFailed) return body.message;
  if (body.code === "PROVIDER_UNREACHABLE") return t.providerUnreachable;
  if (body.code === "STATE_MISSING" || body.code === "STATE_MISMATCH") return format(t.noSignInInProgress, { provider: providerName });
  return body.code ? t.providerFailed : localiseServerMessage(body.message, t);
}

/**
 * Finishes the built-in UI's sign-in on `{websiteBasePath}/callback/<provider>`: posts the
 * provider's answer (this page's query) to `POST {apiBasePath}/signinup`, where the sealed
 * state cookie is checked, then goes to `redirectToPath`. Shown only when this browser has a
 * sign-in in progress (the page checks the cookie first).
 */
export function ThirdPartyCallback(props: ThirdPartyCallbackProps) {
  const { thirdPartyId, providerName, apiBasePath = "/api/auth", websiteBasePath = "/auth", redirectToPath, messages: t = ENGLISH } = props;
  const [error, setError] = useState<string | null>(null);
  // The code can be redeemed once: React's development double-mount must not post twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const params = Object.fromEntries(new URLSearchParams(window.location.search));
    // The code leaves the address bar (and the history entry) before anything else happens.
    window.history.replaceState(null, "", window.location.pathname);
    (async () => {
      const response = await gatehouseFetch(
        `${apiBasePath}/signinup`,
        {
          method: "POST",
          headers: { "content-type": "application/json", rid: "thirdparty" },
          body: JSON.stringify({
            thirdPartyId,
            redirectURIInfo: {
              redirectURIOnProviderDashboard: `${window.location.origin}${window.location.pathname}`,
              redirectURIQueryParams: params,
            },
          }),
        },
        { apiBasePath },
      );
      const body = await response.json().catch(() => null);
      if (response.ok && body?.status === "OK") return window.location.assign(safeRedirectPath(redirectToPath || props.afterSignInPath));
      if (body?.status === "SIGN_IN_UP_NOT_ALLOWED" && typeof body.reason === "string") return setError(localiseServerMessage(body.reason, t));
      if (body?.status === "NO_EMAIL_GIVEN_BY_PROVIDER") return setError(t.noEmailFromProvider);
      setError(typeof body?.message === "string" && response.status < 500 ? providerFailure(body, providerName, t) : t.general);
    })().catch(() => setError(t.general));
  }, [apiBasePath, thirdPartyId, providerName, redirectToPath, t, props.afterSignInPath]);

  if (!error) {
    return (
      <p className="gh-muted" role="status">
        {format(t.signingInWith, { provider: providerName })}
      </p>
    );
  }
  return (
    <CallbackError
      title={format(t.signInWithFailed, { provider: providerName })}
      message={error}
      websiteBasePath={websiteBasePath}
      messages={pickMessages(t, CALLBACK_ERROR_MESSAGES)}
    />
  );
}

/** The page's error card (also rendered by the server page when no sign-in is in progress). */
export function CallbackError({
  title,
  message,
  websiteBasePath,
  messages: t = CALLBACK_ERROR_ENGLISH,
}: {
  title: string;
  message: string;
  websiteBasePath: string;
  /** The strings it shows, `pickMessages(t, CALLBACK_ERROR_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof CALLBACK_ERROR_MESSAGES)[number]>;
}) {
  return (
    <section className="gh-card" aria-labelledby="callback-error-title">
      <h1 id="callback-error-title">{title}</h1>
      <p id="callback-error" className="gh-error" role="alert">
        {message}
      </p>
      <p>
        <a href={websiteBasePath}>{t.backToSignIn}</a>
      </p>
    </section>
  );
}
