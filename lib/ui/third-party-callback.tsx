"use client";

import { useEffect, useRef, useState } from "react";
import { gatehouseFetch } from "../client/fetch";
import { safeRedirectPath } from "../next/safe-redirect";

export interface ThirdPartyCallbackProps {
  thirdPartyId: string;
  providerName: string;
  /** Where the auth API lives. @default "/api/auth" */
  apiBasePath?: string;
  websiteBasePath?: string;
  /** From the sealed state cookie; anything not same-origin falls back to "/". */
  redirectToPath: string | null;
}

const MESSAGES: Record<string, string> = {
  NO_EMAIL_GIVEN_BY_PROVIDER: "The provider did not share an email address with us, so we cannot sign you in with it.",
  GENERAL: "Something went wrong. Please try again.",
};

/**
 * Finishes the built-in UI's sign-in on `{websiteBasePath}/callback/<provider>`: posts the
 * provider's answer (this page's query) to `POST {apiBasePath}/signinup`, where the sealed
 * state cookie is checked, then goes to `redirectToPath`. Shown only when this browser has a
 * sign-in in progress (the page checks the cookie first).
 */
export function ThirdPartyCallback({ thirdPartyId, providerName, apiBasePath = "/api/auth", websiteBasePath = "/auth", redirectToPath }: ThirdPartyCallbackProps) {
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
            redirectURIInfo: { redirectURIOnProviderDashboard: `${window.location.origin}${window.location.pathname}`, redirectURIQueryParams: params },
          }),
        },
        { apiBasePath },
      );
      const body = await response.json().catch(() => null);
      if (response.ok && body?.status === "OK") return window.location.assign(safeRedirectPath(redirectToPath));
      if (body?.status === "SIGN_IN_UP_NOT_ALLOWED" && typeof body.reason === "string") return setError(body.reason);
      if (body?.status && MESSAGES[body.status]) return setError(MESSAGES[body.status]);
      setError(typeof body?.message === "string" && response.status < 500 ? body.message : MESSAGES.GENERAL);
    })().catch(() => setError(MESSAGES.GENERAL));
  }, [apiBasePath, thirdPartyId, redirectToPath]);

  if (!error) {
    return (
      <p className="gh-muted" role="status">
        Signing you in with {providerName}…
      </p>
    );
  }
  return <CallbackError title={`Signing in with ${providerName} failed`} message={error} websiteBasePath={websiteBasePath} />;
}

/** The page's error card (also rendered by the server page when no sign-in is in progress). */
export function CallbackError({ title, message, websiteBasePath }: { title: string; message: string; websiteBasePath: string }) {
  return (
    <section className="gh-card" aria-labelledby="callback-error-title">
      <h1 id="callback-error-title">{title}</h1>
      <p id="callback-error" className="gh-error" role="alert">
        {message}
      </p>
      <p>
        <a href={websiteBasePath}>Back to sign in</a>
      </p>
    </section>
  );
}
