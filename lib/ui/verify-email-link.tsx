"use client";

import { useEffect, useRef, useState } from "react";
import { callAuthApi } from "./fdi-post";
import { returnPath } from "./verify-email-return";

export interface VerifyEmailLinkProps {
  /** The `token` query parameter of the emailed link. */
  token: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
}

type State = "verifying" | "verified" | "invalid" | "error";

/**
 * Opened from the emailed link: uses the token once. When this browser is signed in as the
 * same user, the answer also carries the session's refreshed claim.
 */
export function VerifyEmailLink({ token, apiBasePath = "/api/auth", websiteBasePath = "/auth" }: VerifyEmailLinkProps) {
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

  if (state === "verifying") return <p className="gh-muted" role="status">Verifying your email…</p>;
  if (state === "verified") {
    return (
      <div className="gh-card" role="status" aria-live="polite">
        <h1>Email verified</h1>
        <p>Thank you: your email address is confirmed.</p>
        <p>
          <a className="gh-button" href={returnPath()}>Continue</a>
        </p>
      </div>
    );
  }
  return (
    <div className="gh-card" role="alert">
      <h1>{state === "invalid" ? "This link no longer works" : "Something went wrong"}</h1>
      <p>
        {state === "invalid"
          ? "It was used already, replaced by a newer link, or it expired."
          : "Your email could not be verified right now. Please try again."}
      </p>
      <p>
        <a href={`${websiteBasePath}/verify-email`}>Send me a new link</a>
      </p>
    </div>
  );
}
