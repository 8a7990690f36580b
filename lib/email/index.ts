/**
 * Email delivery for the app, chosen from the environment:
 * - `SMTP_URL` set: nodemailer over SMTP (lib/email/smtp-delivery.ts);
 * - unset in development: logged and kept for /dev/outbox (lib/email/dev-outbox.ts);
 * - unset in production: every send fails and is logged, so a misconfiguration is loud.
 */
import type { ResolvedConfig } from "../auth/config";
import { EmailDeliveryError, type EmailDelivery } from "../auth/email/email-delivery";
import type { EngineLog } from "../auth/log";
import { createDevOutboxDelivery } from "./dev-outbox";
import { consoleEmailLog, createSmtpDelivery } from "./smtp-delivery";

/** True when emails go to the development outbox (/dev/outbox) instead of a mail server. */
export function usesDevOutbox(env: { SMTP_URL?: string; NODE_ENV?: string }): boolean {
  return !env.SMTP_URL?.trim() && env.NODE_ENV !== "production";
}

export function createEmailDelivery(
  config: ResolvedConfig,
  env: { SMTP_URL?: string; NODE_ENV?: string },
  log: Pick<EngineLog, "warn" | "error"> = consoleEmailLog,
): EmailDelivery {
  const url = env.SMTP_URL?.trim();
  if (url)
    return createSmtpDelivery({
      url,
      options: config.email.smtp,
      maxAttempts: config.email.maxAttempts,
      attemptTimeoutMs: config.email.attemptTimeoutSeconds * 1000,
      log,
    });
  if (usesDevOutbox(env)) return createDevOutboxDelivery();
  return {
    async send(email) {
      log.error({ event: "email.failed", kind: email.kind, detail: "SMTP_URL is not set" }, `email: ${email.kind} not sent: SMTP_URL is not set`);
      throw new EmailDeliveryError("SMTP_URL is not set");
    },
  };
}

/**
 * Where the "we sent you a link" screens point in development: the dev outbox, when this server
 * keeps emails there; undefined otherwise. `process.env.NODE_ENV` as the build inlines it, as on
 * the outbox page (app/dev/outbox), which a production build answers with 404.
 */
export function devOutboxPath(env: { SMTP_URL?: string; NODE_ENV?: string } = process.env): string | undefined {
  return process.env.NODE_ENV !== "production" && usesDevOutbox(env) ? "/dev/outbox" : undefined;
}
