"use client";

import { useEffect, useRef, useState } from "react";
import { callAuthApi } from "./fdi-post";
import { en, type Messages } from "./i18n/en";
import { returnPath } from "./verify-email-return";

export interface VerifyEmailLinkProps {
  /** The `token` query parameter of the emailed link. */
  token: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The UI's strings (lib/ui/i18n). @default English */
  messages?: Messages;
}

type State = "verifying" | "verified" | "invalid" | "error";

/**
 * Opened from the emailed link: uses the token once. When this browser is signed in as the
 * same user, the answer also carries the session's refreshed claim.
 */
export function VerifyEmailLink({ token, apiBasePath = "/api/auth", websiteBasePath = "/auth", messages: t = en }: VerifyEmailLinkProps) {
  const [state, setState] = useState<State>("verifying");
  // React's development double-mount must not spend the token twice.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    callAuthApi(apiBasePath, "/user/email/verify", { rid: "emailverification", body: { method: "token", token } })
      .then(({ body }) => setState(body?.status === "OK" ? "verified" : body?.status === "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" ? "invalid" : "error"))
      .catch(() => setState("error"));
  }, [apiBasePath, token]);

  if (state === "verifying") return <p className="gh-muted" role="status">{t.verifyingEmail}</p>;
  if (state === "verified") {
    return (
      <div className="gh-card" role="status" aria-live="polite">
        <h1>{t.emailVerifiedTitle}</h1>
        <p>{t.emailVerifiedBody}</p>
        <p>
          <a className="gh-button" href={returnPath()}>{t.continue}</a>
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
