/**
 * An SMTP server that keeps the conversation alive without finishing it: it greets, then answers
 * EHLO with continuation lines ("250-…") a few at a time and never the last one. nodemailer's
 * socketTimeout counts silence only, so it never fires, and a request that sends an email (a
 * sign-in code, a verification link) waited for as long as the server kept trickling. Each
 * attempt now has a deadline of its own (`email.attemptTimeoutSeconds`), after which the
 * connection is closed and the attempt counts as failed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailDeliveryError, type OutgoingEmail } from "../auth/email/email-delivery";
import { resolveConfig } from "../auth/resolve-config";
import { createSmtpDelivery } from "./smtp-delivery";
import { createSilentServer, within } from "../testing/silent-peer";

const email: OutgoingEmail = {
  kind: "EMAIL_VERIFICATION",
  from: { name: "App", address: "no-reply@app.example.com" },
  to: "someone@example.com",
  subject: "Verify",
  text: "Click https://app.example.com/auth/verify-email?token=t",
  html: "<p>Click</p>",
  link: "https://app.example.com/auth/verify-email?token=t",
};

describe("SMTP delivery and a server that never finishes a reply", () => {
  // Greets, then trickles EHLO continuation lines and never the last one.
  const server = createSilentServer((socket) => {
    let trickle: ReturnType<typeof setInterval> | undefined;
    socket.on("close", () => clearInterval(trickle));
    socket.write("220 trickle.example ESMTP\r\n");
    socket.once("data", () => {
      trickle = setInterval(() => socket.write("250-still thinking\r\n"), 50);
    });
  });
  let url = "";

  beforeAll(async () => {
    url = `smtp://127.0.0.1:${await server.listen()}`;
  });
  afterAll(() => server.close());

  it("gives each attempt up after its deadline, closes the connection, and fails the send", async () => {
    const warnings: unknown[] = [];
    const delivery = createSmtpDelivery({
      url,
      maxAttempts: 2,
      attemptTimeoutMs: 300,
      // Silence would end an attempt at once; the trickle never stays silent that long.
      options: { socketTimeout: 200 },
      sleep: async () => undefined,
      log: { warn: (fields) => void warnings.push(fields), error: (fields) => void warnings.push(fields) },
    });
    // The two attempts' deadlines add up to 600 ms; the deadline's own error (below) shows what
    // ended them. Without one, nodemailer would wait on the trickle until the hang guard gave up.
    const outcome = await within(
      delivery.send(email).then(
        () => "sent",
        (error: unknown) => error,
      ),
    );
    expect(outcome).toBeInstanceOf(EmailDeliveryError);
    expect((outcome as EmailDeliveryError).cause).toMatchObject({ code: "ETIMEDOUT", message: expect.stringMatching(/within 300 ms/) });
    expect(server.connections()).toBe(2);
    expect(warnings).toEqual([
      expect.objectContaining({ event: "email.retry", attempt: 1 }),
      expect.objectContaining({ event: "email.failed", attempts: 2 }),
    ]);
    await expect.poll(() => server.sockets.size, { timeout: 10_000 }).toBe(0);
  });

  it("email.attemptTimeoutSeconds: 30 by default, refused when no timer can hold it", () => {
    const base = { appOrigin: "http://localhost:3000" };
    expect(resolveConfig(base).email.attemptTimeoutSeconds).toBe(30);
    expect(resolveConfig({ ...base, email: { attemptTimeoutSeconds: 2.5 } }).email.attemptTimeoutSeconds).toBe(2.5);
    for (const attemptTimeoutSeconds of [0, -1, Number.NaN, 2 ** 31 / 1000]) {
      expect(() => resolveConfig({ ...base, email: { attemptTimeoutSeconds } })).toThrow(/email.attemptTimeoutSeconds/);
    }
  });
});
