import type { GatehouseConfig } from "../config";
import type { OutgoingEmail } from "../email/email-delivery";
import { createSmsSink } from "../passwordless/sms-delivery";
import { createCapturingDelivery } from "./email-fixtures";
import { createTestEngine, type TestEngineOptions } from "./test-engine";

/** The link code and preAuthSessionId in a magic link (the code is its fragment). */
export function linkPartsOf(link: string | undefined): { preAuthSessionId: string; linkCode: string } {
  if (!link) throw new Error("no magic link");
  const url = new URL(link);
  return { preAuthSessionId: url.searchParams.get("preAuthSessionId") ?? "", linkCode: url.hash.slice(1) };
}

/** An engine with passwordless on, capturing emails and SMS, pinned clock. */
export function createPasswordlessEngine(config: GatehouseConfig = {}, options: TestEngineOptions = {}) {
  const delivery = createCapturingDelivery();
  const sms = createSmsSink();
  const engine = createTestEngine({ passwordless: {}, ...config }, { emailDelivery: delivery, smsDelivery: sms, ...options });
  const signInEmails = () => delivery.sent.filter((email) => email.kind === "PASSWORDLESS_LOGIN");
  const lastEmail = (): OutgoingEmail => {
    const emails = signInEmails();
    if (emails.length === 0) throw new Error("no sign-in email sent");
    return emails[emails.length - 1];
  };
  return { ...engine, delivery, sms, signInEmails, lastEmail };
}
