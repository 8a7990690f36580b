import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../../scripts/smtp-sink.mjs";
import type { GatehouseConfig } from "../../auth/config";
import type { EmailDelivery } from "../../auth/email/email-delivery";
import type { createTestEngine } from "../../auth/testing/test-engine";
import { createSmtpDelivery } from "../../email/smtp-delivery";
import { json } from "../respond";
import { handleAuthRequest } from "../routes";
import { verifyRequestSession } from "../verify-request";

/** Builds an engine on some stores with the email wiring the app uses (lib/gatehouse.ts). */
export type MakeEmailEngine = (config: GatehouseConfig, wiring: { emailDelivery: EmailDelivery }) => Promise<ReturnType<typeof createTestEngine>>;

/**
 * A real SMTP sink on loopback for one describe block, and engines that send to it with
 * nodemailer (short retry pauses so retry tests stay quick).
 */
export function useEmailHarness(makeEngine: MakeEmailEngine) {
  let sink: SmtpSink | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });
  const smtp = () => {
    if (!sink) throw new Error("the SMTP sink is not running");
    return sink;
  };
  return {
    sink: smtp,
    engine: (config: GatehouseConfig = {}) =>
      makeEngine(config, {
        emailDelivery: createSmtpDelivery({ url: smtp().url, maxAttempts: config.email?.maxAttempts ?? 3, retryDelayMs: 10 }),
      }),
    /** A unique address per test: the databases and the sink are shared by the file. */
    mail: (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`,
  };
}

/** The token of an emailed link. */
export function tokenOfLink(link: string | null): string {
  const token = link ? new URL(link).searchParams.get("token") : null;
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** The route table plus one protected app API at /api/app/me, verified as withSession does. */
export function appHandler(ctx: Parameters<typeof handleAuthRequest>[0]) {
  return async (request: Request): Promise<Response> => {
    if (!new URL(request.url).pathname.startsWith("/api/app/")) return handleAuthRequest(ctx, request);
    const verified = await verifyRequestSession(ctx, request);
    return verified.ok ? json({ userId: verified.session.userId }) : verified.response;
  };
}
