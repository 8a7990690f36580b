"use client";

import type { Messages } from "../i18n/en";
import { VerifyEmailLink } from "./verify-email-link";
import { VerifyEmailPending } from "./verify-email-pending";

export interface VerifyEmailProps {
  /** The `token` query parameter of the emailed link; absent when sent here to verify. */
  token: string | null;
  /** The page to return to once verified. */
  redirectToPath?: string | null;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The UI's strings (lib/i18n). @default English */
  messages?: Messages;
  /** Development without SMTP_URL: the dev outbox's path, shown where an email "was sent". @default none */
  devOutboxPath?: string;
}

/**
 * `{websiteBasePath}/verify-email`: with `?token=` it verifies; without, it sends the link and
 * waits ("check your inbox", with a rate-limited resend). Embeddable anywhere.
 */
export function VerifyEmail({
  token,
  redirectToPath = null,
  apiBasePath = "/api/auth",
  websiteBasePath = "/auth",
  messages,
  devOutboxPath,
}: VerifyEmailProps) {
  return token ? (
    <VerifyEmailLink token={token} apiBasePath={apiBasePath} websiteBasePath={websiteBasePath} messages={messages} />
  ) : (
    <VerifyEmailPending
      apiBasePath={apiBasePath}
      websiteBasePath={websiteBasePath}
      redirectToPath={redirectToPath}
      messages={messages}
      devOutboxPath={devOutboxPath}
    />
  );
}
