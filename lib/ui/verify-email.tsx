"use client";

import { useMemo } from "react";
import { en } from "../i18n/en";
import { pickMessages, type MessagesOf } from "./client-messages";
import { VERIFY_EMAIL_LINK_MESSAGES, VERIFY_EMAIL_MESSAGES, VERIFY_EMAIL_PENDING_MESSAGES } from "./email-link-messages";
import { VerifyEmailLink } from "./verify-email-link";
import { VerifyEmailPending } from "./verify-email-pending";

const ENGLISH = pickMessages(en, VERIFY_EMAIL_MESSAGES);

export interface VerifyEmailProps {
  /** The `token` query parameter of the emailed link; absent when sent here to verify. */
  token: string | null;
  /** The page to return to once verified. */
  redirectToPath?: string | null;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The strings of both pages, `pickMessages(t, VERIFY_EMAIL_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof VERIFY_EMAIL_MESSAGES)[number]>;
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
  messages: t = ENGLISH,
  devOutboxPath,
}: VerifyEmailProps) {
  // Picked once: VerifyEmailPending's effects depend on its strings, and must not re-run on a re-render.
  const linkMessages = useMemo(() => pickMessages(t, VERIFY_EMAIL_LINK_MESSAGES), [t]);
  const pendingMessages = useMemo(() => pickMessages(t, VERIFY_EMAIL_PENDING_MESSAGES), [t]);
  return token ? (
    <VerifyEmailLink token={token} apiBasePath={apiBasePath} websiteBasePath={websiteBasePath} messages={linkMessages} />
  ) : (
    <VerifyEmailPending
      apiBasePath={apiBasePath}
      websiteBasePath={websiteBasePath}
      redirectToPath={redirectToPath}
      messages={pendingMessages}
      devOutboxPath={devOutboxPath}
    />
  );
}
