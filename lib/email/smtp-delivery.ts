import { EmailDeliveryError, type EmailDelivery, type OutgoingEmail } from "../auth/email/email-delivery";
import type { EngineLog } from "../auth/log";
import { subjectHeader } from "./subject-header";
import { describeSmtpError, isTransientSmtpError } from "./transient";

export interface SmtpDeliveryOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  url: string;
  /** More nodemailer SMTP options (lib/config `email.smtp`); what the URL sets wins. */
  options?: Record<string, unknown>;
  /** Attempts per email, the first included. */
  maxAttempts: number;
  /** The longest one attempt may take (lib/config `email.attemptTimeoutSeconds`), in ms. @default 30000 */
  attemptTimeoutMs?: number;
  /** Pause before the second attempt; doubled before each later one, up to MAX_RETRY_DELAY_MS. @default 500 */
  retryDelayMs?: number;
  /** Waits between attempts (tests pass one that records the pauses). @default a `setTimeout` */
  sleep?: (ms: number) => Promise<void>;
  /** Where failed attempts are logged (the app's pino logger). @default the console */
  log?: Pick<EngineLog, "warn" | "error">;
}

/** Before the app's logger exists (scripts, tests): one readable console line per event. */
export const consoleEmailLog: Pick<EngineLog, "warn" | "error"> = {
  warn: (_fields, message) => console.warn(`[gatehouse] ${message}`),
  error: (_fields, message) => console.error(`[gatehouse] ${message}`),
};

/**
 * The longest pause between two attempts. Doubling from 500 ms reaches it before the ninth
 * attempt. Without a cap the pause doubles past what a timer can hold: Node fires a
 * `setTimeout` of more than 2^31-1 ms (24.8 days, the 24th attempt at 500 ms) at once, so a
 * large `email.maxAttempts` would end in attempts back to back against a server that is down.
 */
export const MAX_RETRY_DELAY_MS = 60_000;

/** The pause after the failed `attempt` (1 for the first): doubling from `firstDelayMs`, capped. */
export function retryDelay(attempt: number, firstDelayMs: number): number {
  return Math.min(firstDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Timeouts short enough for a request that waits on the send (nodemailer's are minutes); they
 * bound silence only, and `attemptTimeoutMs` the whole attempt. Documented on `email.smtp`.
 */
const DEFAULT_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

type Transport = { sendMail(message: Record<string, unknown>): Promise<unknown> };

/** An attempt that outlived its deadline: a timeout, retried like nodemailer's own (transient.ts). */
function attemptTimedOut(ms: number): Error {
  return Object.assign(new Error(`the SMTP conversation did not end within ${ms} ms`), { code: "ETIMEDOUT" });
}

/** The server's host, for logs: the URL may carry a password. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "(unparsable SMTP_URL)";
  }
}

/**
 * Delivery over SMTP with nodemailer. nodemailer is imported on the first send, not at start:
 * a serverless cold start that only verifies sessions never loads it.
 */
export function createSmtpDelivery(options: SmtpDeliveryOptions): EmailDelivery {
  let transport: Promise<Transport> | null = null;
  const server = hostOf(options.url);
  const delay = options.retryDelayMs ?? 500;
  const sleep = options.sleep ?? sleepFor;
  const log = options.log ?? consoleEmailLog;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;

  function getTransport(): Promise<Transport> {
    transport ??= import("nodemailer").then(({ createTransport }) => {
      // nodemailer lets the URL's settings (host, port, auth, `?tls.*=` …) win over the object's.
      const settings = { ...DEFAULT_TIMEOUTS, ...options.options, url: options.url };
      return createTransport(settings as Parameters<typeof createTransport>[0]) as Transport;
    });
    return transport;
  }

  return {
    async send(email: OutgoingEmail) {
      const smtp = await getTransport();
      const message = {
        from: { name: email.from.name, address: email.from.address },
        to: email.to,
        subject: subjectHeader(email.subject),
        text: email.text,
        html: email.html,
      };
      for (let attempt = 1; ; attempt++) {
        // nodemailer closes the attempt's connection when its signal aborts.
        const signal = AbortSignal.timeout(attemptTimeoutMs);
        try {
          await smtp.sendMail({ ...message, signal });
          return;
        } catch (caught) {
          const error = signal.aborted ? attemptTimedOut(attemptTimeoutMs) : caught;
          const detail = describeSmtpError(error);
          if (attempt < options.maxAttempts && isTransientSmtpError(error)) {
            log.warn(
              { event: "email.retry", kind: email.kind, attempt, server, detail },
              `email: attempt ${attempt} via ${server} failed (${detail}); retrying`,
            );
            await sleep(retryDelay(attempt, delay));
            continue;
          }
          log.error(
            // No recipient: email addresses are never logged (docs/admin.md, "Logging").
            { event: "email.failed", kind: email.kind, attempts: attempt, server, detail },
            `email: ${email.kind} via ${server} failed after ${attempt} attempt(s): ${detail}`,
          );
          throw new EmailDeliveryError(`SMTP delivery failed after ${attempt} attempt(s)`, { cause: error });
        }
      }
    },
  };
}
