/**
 * The boundary between the engine and whatever sends email. The engine composes the message
 * (templates, link, sender); lib/email implements the delivery with nodemailer over SMTP, or
 * with the development outbox. Tests may pass their own.
 */
import type { SecurityNoticeEvent } from "./security-notice-messages";
import { CodedError } from "../coded-error";

export type EmailKind =
  "PASSWORD_RESET" | "EMAIL_VERIFICATION" | "SECURITY_NOTICE" | "PASSWORDLESS_LOGIN" | "WEBAUTHN_RECOVER" | "ORGANIZATION_INVITATION";

export interface OutgoingEmail {
  kind: EmailKind;
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The link inside the email, for the development outbox and logs ("" for a code-only sign-in email). */
  link: string;
  /** For a PASSWORDLESS_LOGIN: the code to type, for the development outbox (absent in a link-only flow). */
  userInputCode?: string;
  /** For a SECURITY_NOTICE: what it tells about. */
  notice?: SecurityNoticeEvent;
}

export interface EmailDelivery {
  /**
   * Sends the email, retrying what is worth retrying. Rejects with an EmailDeliveryError
   * once it gives up; the delivery logs the details, the caller only learns that it failed.
   */
  send(email: OutgoingEmail): Promise<void>;
}

/** A final delivery failure. Its message is safe to log, never to show a browser. */
export class EmailDeliveryError extends CodedError<"DELIVERY_FAILED"> {
  constructor(message: string, options?: { cause?: unknown }) {
    super("DELIVERY_FAILED", message, options);
    this.name = "EmailDeliveryError";
  }
}

/** The default when nothing was wired in: every send fails. */
export const noEmailDelivery: EmailDelivery = {
  async send() {
    throw new EmailDeliveryError("No email delivery is configured");
  },
};
