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

export function createEmailDelivery(
  config: ResolvedConfig,
  env: { SMTP_URL?: string; NODE_ENV?: string },
  log: Pick<EngineLog, "warn" | "error"> = consoleEmailLog,
): EmailDelivery {
  const url = env.SMTP_URL?.trim();
  if (url) return createSmtpDelivery({ url, options: config.email.smtp, maxAttempts: config.email.maxAttempts, log });
  if (env.NODE_ENV !== "production") return createDevOutboxDelivery();
  return {
    async send(email) {
      log.error({ event: "email.failed", kind: email.kind, detail: "SMTP_URL is not set" }, `email: ${email.kind} not sent: SMTP_URL is not set`);
      throw new EmailDeliveryError("SMTP_URL is not set");
    },
  };
}
