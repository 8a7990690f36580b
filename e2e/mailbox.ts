// Reads the email the app under test sent: scripts/e2e-server.mjs runs a real SMTP sink and
// serves what it received at http://127.0.0.1:<app port + 10000>/messages?to=<address>.
import { expect } from "@playwright/test";

export interface ReceivedEmail {
  to: string[];
  from: { address?: string; name: string } | null;
  subject: string;
  text: string;
  html: string;
  /** The first link in the text with a `token` parameter. */
  link: string | null;
}

/** The mailbox of the server on `appPort` (default: the main e2e server's port). */
export function mailboxOf(appPort = Number(process.env.E2E_PORT ?? 3210)) {
  const base = `http://127.0.0.1:${appPort + 10000}`;
  async function messagesTo(to: string): Promise<ReceivedEmail[]> {
    const response = await fetch(`${base}/messages?to=${encodeURIComponent(to)}`);
    expect(response.ok, `mailbox at ${base}`).toBe(true);
    return response.json();
  }
  return {
    messagesTo,
    /** Waits for the `count`-th email to `to`. */
    async waitFor(to: string, count = 1, timeoutMs = 20_000): Promise<ReceivedEmail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const messages = await messagesTo(to);
        if (messages.length >= count) return messages[count - 1];
        if (Date.now() > deadline) throw new Error(`no email #${count} to ${to} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}
