import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import { startSmtpSink, type SmtpSink } from "../../scripts/smtp-sink.mjs";
import type { OutgoingEmail } from "../auth/email/email-delivery";
import { resolveConfig } from "../auth/resolve-config";
import { readOutbox } from "./dev-outbox";
import { createEmailDelivery } from "./index";
import { createSmtpDelivery, MAX_RETRY_DELAY_MS } from "./smtp-delivery";
import { isTransientSmtpError } from "./transient";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

let n = 0;
function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  n++;
  return {
    kind: "EMAIL_VERIFICATION",
    from: { name: "Zoë's App", address: "no-reply@app.example.com" },
    to: `user-${n}-${process.pid}@example.com`,
    subject: "Verify — ✓",
    text: `Click https://app.example.com/auth/verify-email?token=tok${n}`,
    html: `<p>Click <a href="https://app.example.com/auth/verify-email?token=tok${n}">here</a></p>`,
    link: `https://app.example.com/auth/verify-email?token=tok${n}`,
    ...overrides,
  };
}

describe("SMTP delivery (nodemailer to a loopback sink)", () => {
  it("delivers sender, subject, text and HTML intact", async () => {
    const delivery = createSmtpDelivery({ url: sink.url, maxAttempts: 3, retryDelayMs: 5 });
    const sent = email();
    await delivery.send(sent);
    const received = await sink.waitFor(sent.to);
    expect(received.from).toEqual({ name: "Zoë's App", address: "no-reply@app.example.com" });
    expect(received.subject).toBe("Verify — ✓");
    expect(received.text.trim()).toBe(sent.text);
    expect(received.html).toContain('href="https://app.example.com/auth/verify-email?token=tok');
    expect(received.link).toBe(sent.link);
  });

  it("a subject holding encoded-word syntax reaches the reader as written, not decoded into other characters", async () => {
    // An organization's name is its creator's words and goes into the invitation's subject: one
    // written as an RFC 2047 encoded word passed the name check (plain ASCII) and was decoded by
    // the mail client into what that check refuses (here a right-to-left override), or into any
    // other text.
    const delivery = createSmtpDelivery({ url: sink.url, maxAttempts: 1 });
    for (const subject of [
      "You are invited to =?UTF-8?Q?Acme=E2=80=AEmoc.lapyap?= on App",
      "Einladung zu =?utf-8?B?QWNtZeKArg==?= bei Zoë's App, und noch viel mehr Text, damit der Betreff gefaltet werden muss: ✓✓✓",
    ]) {
      const sent = email({ subject });
      await delivery.send(sent);
      expect((await sink.waitFor(sent.to)).subject).toBe(subject);
    }
  });

  it("retries transient failures (4xx) and gets through", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const delivery = createSmtpDelivery({ url: sink.url, maxAttempts: 3, retryDelayMs: 5 });
    sink.failNext(2, 451);
    const sent = email();
    await delivery.send(sent);
    expect((await sink.waitFor(sent.to)).subject).toBe(sent.subject);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it("caps the pause between attempts, so a large maxAttempts never outgrows the timer (2^31-1 ms fires at once)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const pauses: number[] = [];
    const sleep = async (ms: number) => void pauses.push(ms);
    const delivery = createSmtpDelivery({ url: sink.url, maxAttempts: 30, sleep });
    sink.failNext(29, 451);
    const sent = email();
    await delivery.send(sent);
    expect((await sink.waitFor(sent.to)).subject).toBe(sent.subject);
    expect(pauses).toHaveLength(29);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(2 ** 31 - 1);
    // Doubling from the default 500 ms, then a minute each: never near setTimeout's limit.
    expect(pauses.slice(0, 8)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
    expect(pauses.slice(8).every((ms) => ms === MAX_RETRY_DELAY_MS)).toBe(true);
    warn.mockRestore();
  });

  it("gives up after maxAttempts, and at once on a permanent failure (5xx), logging the cause", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const delivery = createSmtpDelivery({ url: sink.url.replace("smtp://", "smtp://user:s3cret@"), maxAttempts: 2, retryDelayMs: 5 });
    sink.failNext(2, 451);
    await expect(delivery.send(email())).rejects.toMatchObject({ name: "EmailDeliveryError", message: "SMTP delivery failed after 2 attempt(s)" });
    sink.failNext(1, 550);
    await expect(delivery.send(email())).rejects.toMatchObject({ message: "SMTP delivery failed after 1 attempt(s)" });
    sink.failNext(0, 0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(2);
    const logged = [...error.mock.calls, ...warn.mock.calls].flat().join("\n");
    expect(logged).toContain("451");
    expect(logged).toContain("550");
    expect(logged).not.toContain("s3cret");
    error.mockRestore();
    warn.mockRestore();
  });

  it("logs to the app's logger when given one: structured lines, no password", async () => {
    const lines: { level: string; fields: Record<string, unknown> }[] = [];
    const log = {
      warn: (fields: object) => void lines.push({ level: "warn", fields: fields as Record<string, unknown> }),
      error: (fields: object) => void lines.push({ level: "error", fields: fields as Record<string, unknown> }),
    };
    const delivery = createSmtpDelivery({ url: sink.url.replace("smtp://", "smtp://user:s3cret@"), maxAttempts: 2, retryDelayMs: 5, log });
    sink.failNext(2, 451);
    const sent = email();
    await expect(delivery.send(sent)).rejects.toMatchObject({ name: "EmailDeliveryError" });
    sink.failNext(0, 0);
    expect(lines).toEqual([
      { level: "warn", fields: expect.objectContaining({ event: "email.retry", kind: sent.kind, attempt: 1 }) },
      { level: "error", fields: expect.objectContaining({ event: "email.failed", kind: sent.kind, attempts: 2 }) },
    ]);
    expect(JSON.stringify(lines)).not.toContain("s3cret");
    expect(JSON.stringify(lines)).not.toContain(sent.to);
  });

  it("never logs the recipient, even when the server's reply names it (a refused or greylisted RCPT TO)", async () => {
    // Postfix and most servers echo the address in a recipient refusal: "550 5.1.1 <a@b>: …".
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const transient = address.address.startsWith("grey-");
        const error = Object.assign(
          new Error(
            `${transient ? "4.2.0" : "5.1.1"} <${address.address}>: Recipient address rejected: ${transient ? "Greylisted" : "User unknown"}`,
          ),
          { responseCode: transient ? 450 : 550 },
        );
        callback(error);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    try {
      const { port } = server.server.address() as { port: number };
      const lines: Record<string, unknown>[] = [];
      const messages: string[] = [];
      const log = {
        warn: (fields: object, message?: string) => void (lines.push(fields as Record<string, unknown>), messages.push(message ?? "")),
        error: (fields: object, message?: string) => void (lines.push(fields as Record<string, unknown>), messages.push(message ?? "")),
      };
      const delivery = createSmtpDelivery({ url: `smtp://127.0.0.1:${port}`, maxAttempts: 2, retryDelayMs: 5, log });
      const unknown = email({ to: `Gone.User-${process.pid}@Example.com` });
      const greylisted = email({ to: `grey-${process.pid}@example.com` });
      await expect(delivery.send(unknown)).rejects.toMatchObject({ name: "EmailDeliveryError" });
      await expect(delivery.send(greylisted)).rejects.toMatchObject({ name: "EmailDeliveryError" });
      expect(lines.map((line) => line.event)).toEqual(["email.failed", "email.retry", "email.failed"]);
      const logged = JSON.stringify(lines) + messages.join("\n");
      // The reply itself is still there for the operator: the code and the server's reason.
      expect(logged).toContain("550");
      expect(logged).toContain("User unknown");
      expect(logged).toContain("Greylisted");
      expect(logged.toLowerCase()).not.toContain(unknown.to.toLowerCase());
      expect(logged.toLowerCase()).not.toContain(greylisted.to.toLowerCase());
      expect(logged).not.toContain("@");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a refused connection counts as transient", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const delivery = createSmtpDelivery({ url: "smtp://127.0.0.1:1", maxAttempts: 2, retryDelayMs: 5 });
    await expect(delivery.send(email())).rejects.toMatchObject({ name: "EmailDeliveryError" });
    expect(warn).toHaveBeenCalledTimes(1);
    error.mockRestore();
    warn.mockRestore();
  });
});

describe("choosing the delivery", () => {
  it("SMTP_URL set: SMTP; unset in development: the outbox; unset in production: fails loudly", async () => {
    const config = resolveConfig({});
    const smtp = createEmailDelivery(config, { SMTP_URL: sink.url, NODE_ENV: "production" });
    const viaSmtp = email();
    await smtp.send(viaSmtp);
    await sink.waitFor(viaSmtp.to);

    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const dev = createEmailDelivery(config, { NODE_ENV: "development" });
    const kept = email();
    await dev.send(kept);
    expect(readOutbox()[0]).toMatchObject({ to: kept.to, link: kept.link });
    expect(info.mock.calls.flat().join()).toContain(kept.link);
    expect(sink.messagesTo(kept.to)).toEqual([]);
    info.mockRestore();

    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const production = createEmailDelivery(config, { NODE_ENV: "production" });
    const lost = email();
    await expect(production.send(lost)).rejects.toMatchObject({ message: "SMTP_URL is not set" });
    expect(error.mock.calls.flat().join()).not.toContain(lost.link);
    error.mockRestore();
  });

  it("classifies SMTP errors", () => {
    expect(isTransientSmtpError({ responseCode: 421 })).toBe(true);
    expect(isTransientSmtpError({ responseCode: 452, code: "EENVELOPE" })).toBe(true);
    expect(isTransientSmtpError({ responseCode: 550, code: "EENVELOPE" })).toBe(false);
    expect(isTransientSmtpError({ code: "ETIMEDOUT" })).toBe(true);
    expect(isTransientSmtpError({ code: "EAUTH", responseCode: 535 })).toBe(false);
    expect(isTransientSmtpError(new Error("x"))).toBe(false);
  });
});
