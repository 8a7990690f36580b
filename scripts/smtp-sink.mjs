// A real SMTP server on loopback that keeps what it receives, for tests: the app sends with
// nodemailer to `sink.url` (SMTP_URL), and tests read the parsed messages. smtp-server speaks
// SMTP, mailparser parses each message as a mail client would. Used by the vitest integration
// suites (lib/http/testing/email-flows.ts) and, through a small HTTP mailbox, by the Playwright
// specs (scripts/e2e-server.mjs starts both).
//
// Failure injection for retry tests: `sink.failNext(count, code)` answers the next `count`
// MAIL FROM commands with `code` (4xx: transient, 5xx: permanent). `sink.setLatency(ms)`
// delays every MAIL FROM answer, as a slow remote server would.
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** The first link in a text that carries a `token` query parameter. */
export function linkWithToken(text) {
  const match = /https?:\/\/\S+[?&]token=[A-Za-z0-9_-]+/.exec(text ?? "");
  return match ? match[0] : null;
}

/** @param {{ port?: number; host?: string }} [options] */
export async function startSmtpSink(options = {}) {
  const host = options.host ?? "127.0.0.1";
  const messages = [];
  const waiters = new Set();
  let failures = [];
  let latencyMs = 0;

  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to make, and nothing leaves the machine.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    banner: "gatehouse test sink",
    onMailFrom(_address, _session, reply) {
      const callback = latencyMs > 0 ? (error) => setTimeout(() => reply(error), latencyMs) : reply;
      const failure = failures.shift();
      if (!failure) return callback();
      const error = new Error(failure.code >= 500 ? "Mailbox unavailable (injected)" : "Try again later (injected)");
      error.responseCode = failure.code;
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const message = {
            to: (parsed.to ? [parsed.to].flat().flatMap((a) => a.value.map((v) => v.address)) : []).map((a) => a.toLowerCase()),
            from: parsed.from?.value[0] ?? null,
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            link: linkWithToken(parsed.text),
            receivedAt: Date.now(),
          };
          messages.push(message);
          for (const waiter of [...waiters]) waiter();
          callback();
        })
        .catch(callback);
    },
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = server.server.address().port;

  /** Messages to `to` (case-insensitive), oldest first. */
  function messagesTo(to) {
    const address = to.toLowerCase();
    return messages.filter((m) => m.to.includes(address));
  }

  /** Resolves with the `count`-th message to `to` once it has arrived. */
  function waitFor(to, { count = 1, timeoutMs = 10_000 } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = messagesTo(to);
        if (found.length < count) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found[count - 1]);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no message #${count} to ${to} within ${timeoutMs} ms (have ${messagesTo(to).length})`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    port,
    url: `smtp://${host}:${port}`,
    messages,
    messagesTo,
    waitFor,
    failNext(count, code) {
      failures = Array.from({ length: count }, () => ({ code }));
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A loopback HTTP view of a sink for specs running in another process:
 * `GET /messages?to=<address>` → JSON array of that address's messages, oldest first.
 */
export async function startMailboxHttp(sink, { port = 0, host = "127.0.0.1" } = {}) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://mailbox");
    if (request.method !== "GET" || url.pathname !== "/messages") {
      response.writeHead(404).end();
      return;
    }
    const to = url.searchParams.get("to");
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(to ? sink.messagesTo(to) : sink.messages));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return { port: server.address().port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
