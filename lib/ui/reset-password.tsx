"use client";

import type { NewCredentialRules } from "../auth/emailpassword/credential-checks";
import { useMemo } from "react";
import { en } from "../i18n/en";
import { pickMessages, type MessagesOf } from "./client-messages";
import { NEW_PASSWORD_FORM_MESSAGES, RESET_PASSWORD_MESSAGES, RESET_PASSWORD_REQUEST_FORM_MESSAGES } from "./email-link-messages";
import { NewPasswordForm } from "./new-password-form";
import { ResetPasswordRequestForm } from "./reset-password-request-form";

const ENGLISH = pickMessages(en, RESET_PASSWORD_MESSAGES);

export interface ResetPasswordProps {
  /** The `token` query parameter of the emailed link; absent on the first step. */
  token: string | null;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The server's rules for a new password, checked in the browser too (see NewPasswordForm). @default none */
  passwordRules?: NewCredentialRules;
  /** The strings of both steps, `pickMessages(t, RESET_PASSWORD_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof RESET_PASSWORD_MESSAGES)[number]>;
  /** Development without SMTP_URL: the dev outbox's path, shown where an email "was sent". @default none */
  devOutboxPath?: string;
}

/**
 * The whole reset flow on one page, as `{websiteBasePath}/reset-password` renders it: the
 * request form, or with `?token=` the new-password form. Embeddable anywhere.
 */
export function ResetPassword({
  token,
  apiBasePath = "/api/auth",
  websiteBasePath = "/auth",
  passwordRules,
  messages: t = ENGLISH,
  devOutboxPath,
}: ResetPasswordProps) {
  // Each step takes its own strings, picked once so that a re-render hands its form the same object.
  const newPasswordMessages = useMemo(() => pickMessages(t, NEW_PASSWORD_FORM_MESSAGES), [t]);
  const requestMessages = useMemo(() => pickMessages(t, RESET_PASSWORD_REQUEST_FORM_MESSAGES), [t]);
  return token ? (
    <NewPasswordForm
      token={token}
      apiBasePath={apiBasePath}
      signInPath={websiteBasePath}
      requestPath={`${websiteBasePath}/reset-password`}
      passwordRules={passwordRules}
      messages={newPasswordMessages}
    />
  ) : (
    <ResetPasswordRequestForm apiBasePath={apiBasePath} signInPath={websiteBasePath} messages={requestMessages} devOutboxPath={devOutboxPath} />
  );
}
