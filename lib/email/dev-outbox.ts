import type { EmailDelivery, OutgoingEmail } from "../auth/email/email-delivery";

/**
 * Development without SMTP_URL: each email is logged (with its link, so you can click it from
 * the terminal) and kept for the dev-only page /dev/outbox. Never used in production, where the
 * links are secrets that logs must not hold.
 */
export interface OutboxEntry extends OutgoingEmail {
  id: number;
  sentAt: Date;
}

const LIMIT = 50;
const holder = globalThis as typeof globalThis & { __gatehouseOutbox?: { entries: OutboxEntry[]; next: number } };

function outbox() {
  return (holder.__gatehouseOutbox ??= { entries: [], next: 1 });
}

/** The kept emails, newest first. */
export function readOutbox(): OutboxEntry[] {
  return [...outbox().entries].reverse();
}

export function createDevOutboxDelivery(): EmailDelivery {
  return {
    async send(email) {
      const box = outbox();
      box.entries.push({ ...email, id: box.next++, sentAt: new Date() });
      if (box.entries.length > LIMIT) box.entries.splice(0, box.entries.length - LIMIT);
      console.info(
        `[gatehouse] email (SMTP_URL unset, not sent; see /dev/outbox)\n  to: ${email.to}\n  subject: ${email.subject}\n  link: ${email.link}`,
      );
    },
  };
}
