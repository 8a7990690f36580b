"use client";

import type { NewCredentialRules } from "../auth/emailpassword/credential-checks";
import type { Messages } from "../i18n/en";
import { NewPasswordForm } from "./new-password-form";
import { ResetPasswordRequestForm } from "./reset-password-request-form";

export interface ResetPasswordProps {
  /** The `token` query parameter of the emailed link; absent on the first step. */
  token: string | null;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The server's rules for a new password, checked in the browser too (see NewPasswordForm). @default none */
  passwordRules?: NewCredentialRules;
  /** The UI's strings (lib/i18n). @default English */
  messages?: Messages;
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
  messages,
  devOutboxPath,
}: ResetPasswordProps) {
  return token ? (
    <NewPasswordForm
      token={token}
      apiBasePath={apiBasePath}
      signInPath={websiteBasePath}
      requestPath={`${websiteBasePath}/reset-password`}
      passwordRules={passwordRules}
      messages={messages}
    />
  ) : (
    <ResetPasswordRequestForm apiBasePath={apiBasePath} signInPath={websiteBasePath} messages={messages} devOutboxPath={devOutboxPath} />
  );
}
