/**
 * The boundary between the engine and whatever sends text messages. No SMS provider is built
 * in: a deployer passes an `SmsDelivery` to createGatehouse (`overrides.smsDelivery`) that calls
 * theirs (Twilio, Vonage, MessageBird, AWS SNS…). See docs/passwordless.md for a Twilio example.
 */
import { CodedError } from "../coded-error";

export interface OutgoingSms {
  /** E.164, e.g. "+491701234567". */
  to: string;
  /** The whole message. */
  text: string;
  /** The code inside it, for the development outbox and test sinks. */
  userInputCode?: string;
  /** The link inside it, for the development outbox and test sinks. */
  link?: string;
}

export interface SmsDelivery {
  /** Sends the message, retrying what is worth retrying; rejects once it gives up. */
  send(sms: OutgoingSms): Promise<void>;
}

/** A final delivery failure. Its message is safe to log, never to show a browser. */
export class SmsDeliveryError extends CodedError<"DELIVERY_FAILED"> {
  constructor(message: string, options?: { cause?: unknown }) {
    super("DELIVERY_FAILED", message, options);
    this.name = "SmsDeliveryError";
  }
}

/** The default when nothing was wired in: every send fails. */
export const noSmsDelivery: SmsDelivery = {
  async send() {
    throw new SmsDeliveryError("No SMS delivery is configured");
  },
};

/** A sink that keeps every message, for tests and development. */
export function createSmsSink(): SmsDelivery & { sent: OutgoingSms[] } {
  const sent: OutgoingSms[] = [];
  return {
    sent,
    async send(sms) {
      sent.push({ ...sms });
    },
  };
}
