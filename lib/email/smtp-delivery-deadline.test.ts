/**
 * An SMTP server that keeps the conversation alive without finishing it: it greets, then answers
 * EHLO with continuation lines ("250-…") a few at a time and never the last one. nodemailer's
 * socketTimeout counts silence only, so it never fires, and a request that sends an email (a
 * sign-in code, a verification link) waited for as long as the server kept trickling. Each
 * attempt now has a deadline of its own (`email.attemptTimeoutSeconds`), after which the
 * connection is closed and the attempt counts as failed.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailDeliveryError, type OutgoingEmail } from "../auth/email/email-delivery";
import { resolveConfig } from "../auth/resolve-config";
import { createSmtpDelivery } from "./smtp-delivery";

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
  const open = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    open.add(socket);
    let trickle: ReturnType<typeof setInterval> | undefined;
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(trickle);
      open.delete(socket);
    });
    socket.write("220 trickle.example ESMTP\r\n");
    socket.once("data", () => {
      trickle = setInterval(() => socket.write("250-still thinking\r\n"), 50);
    });
  });
  let url = "";

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

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
    // Only a hang trips this guard: the two attempts' deadlines add up to 600 ms, and the
    // deadline's own error (below) shows what ended them; no elapsed time is asserted.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"still waiting">((resolve) => (timer = setTimeout(() => resolve("still waiting"), 30_000)));
    const outcome = await Promise.race([
      delivery.send(email).then(
        () => "sent",
        (error: unknown) => error,
      ),
      late,
    ]).finally(() => clearTimeout(timer));
    expect(outcome).toBeInstanceOf(EmailDeliveryError);
    expect((outcome as EmailDeliveryError).cause).toMatchObject({ code: "ETIMEDOUT", message: expect.stringMatching(/within 300 ms/) });
    expect(connections).toBe(2);
    expect(warnings).toEqual([
      expect.objectContaining({ event: "email.retry", attempt: 1 }),
      expect.objectContaining({ event: "email.failed", attempts: 2 }),
    ]);
    await expect.poll(() => open.size, { timeout: 10_000 }).toBe(0);
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
