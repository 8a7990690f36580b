"use client";

import { useState } from "react";
import { signOut } from "../client/sign-out";
import { en, type Messages } from "../i18n/en";

/**
 * Revokes the session on the server (refreshing an expired access token once first), clears
 * the browser's front token, then goes to `afterSignOut`.
 */
export function SignOutButton({
  apiBasePath = "/api/auth",
  afterSignOut = "/auth",
  messages: t = en,
  variant = "primary",
}: {
  apiBasePath?: string;
  afterSignOut?: string;
  /** The UI's strings (lib/i18n). @default English */
  messages?: Messages;
  /** "secondary": an outlined button, for a header or a toolbar. @default "primary" */
  variant?: "primary" | "secondary";
}) {
  const [pending, setPending] = useState(false);
  async function onClick() {
    setPending(true);
    // signOut never rejects and always clears the local state: leaving is right either way.
    await signOut({ apiBasePath });
    window.location.assign(afterSignOut);
  }
  return (
    <button
      className={variant === "secondary" ? "gh-button-secondary" : "gh-button"}
      type="button"
      onClick={onClick}
      disabled={pending}
      aria-busy={pending}
      data-testid="sign-out"
    >
      {pending ? t.signingOut : t.signOut}
    </button>
  );
}
