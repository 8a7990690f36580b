"use client";

import { useState } from "react";
import { signOut } from "../client/sign-out";
import { en } from "../i18n/en";
import { SubmitButton } from "./submit-button";
import { pickMessages, SIGN_OUT_BUTTON_MESSAGES, type MessagesOf } from "./client-messages";

const ENGLISH = pickMessages(en, SIGN_OUT_BUTTON_MESSAGES);

/**
 * Revokes the session on the server (refreshing an expired access token once first), clears
 * the browser's front token, then goes to `afterSignOut`.
 */
export function SignOutButton({
  apiBasePath = "/api/auth",
  afterSignOut = "/auth",
  messages: t = ENGLISH,
  variant = "primary",
}: {
  apiBasePath?: string;
  afterSignOut?: string;
  /** The button's strings, `pickMessages(t, SIGN_OUT_BUTTON_MESSAGES)` (lib/ui/client-messages.ts). @default English */
  messages?: MessagesOf<(typeof SIGN_OUT_BUTTON_MESSAGES)[number]>;
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
  // SubmitButton waits for hydration: a click before it would be lost, the session left as it was.
  return (
    <SubmitButton
      className={variant === "secondary" ? "gh-button-secondary" : "gh-button"}
      type="button"
      onClick={onClick}
      pending={pending}
      data-testid="sign-out"
    >
      {pending ? t.signingOut : t.signOut}
    </SubmitButton>
  );
}
