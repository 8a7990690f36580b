/**
 * Text messages without a provider. Gatehouse has no SMS provider built in: a deployer passes
 * their own `SmsDelivery` to createGatehouse. Until then, in development each message is logged
 * and kept (like the email outbox) so the code can be read; in production every send fails.
 */
import { noSmsDelivery, type OutgoingSms, type SmsDelivery } from "../auth/passwordless/sms-delivery";

export interface SmsOutboxEntry extends OutgoingSms {
  id: number;
  sentAt: Date;
}

const LIMIT = 50;
const holder = globalThis as typeof globalThis & { __gatehouseSmsOutbox?: { entries: SmsOutboxEntry[]; next: number } };

function outbox() {
  return (holder.__gatehouseSmsOutbox ??= { entries: [], next: 1 });
}

/** The kept messages, newest first. */
export function readSmsOutbox(): SmsOutboxEntry[] {
  return [...outbox().entries].reverse();
}

export function createDevSmsOutbox(): SmsDelivery {
  return {
    async send(sms) {
      const box = outbox();
      box.entries.push({ ...sms, id: box.next++, sentAt: new Date() });
      if (box.entries.length > LIMIT) box.entries.splice(0, box.entries.length - LIMIT);
      console.info(`[gatehouse] SMS (no SMS delivery configured, not sent)\n  to: ${sms.to}\n  text: ${sms.text}`);
    },
  };
}

export function createSmsDelivery(env: { NODE_ENV?: string }): SmsDelivery {
  return env.NODE_ENV === "production" ? noSmsDelivery : createDevSmsOutbox();
}
