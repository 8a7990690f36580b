/**
 * The notices a CLI command sends (through the app's SMTP_URL): delivered before the command
 * exits, since nothing sends them once it has.
 */
import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { freePort, runCli } from "./testing/run-cli";
import { sqliteForCli } from "./testing/cli-database";

describe("gatehouse CLI notices on SQLite", () => {
  const database = sqliteForCli();
  const run = (args: string[], input?: string) => runCli(args, { env: database.env, input });

  it("set-password sends the user the security notice through the app's SMTP before the command exits", async () => {
    const email = `notice-${randomUUID().slice(0, 8)}@example.com`;
    const created = await run(["users", "create", email, "--password-stdin"], "first-Password1\n");
    expect(created.code).toBe(0);
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
        stream.on("end", () => {
          received.push(`${session.envelope.rcptTo.map((r) => r.address).join(",")}\n${data}`);
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((r) => smtp.listen(port, "127.0.0.1", r));
    try {
      const set = await runCli(["users", "set-password", email, "--password-stdin"], {
        env: { ...database.env, SMTP_URL: `smtp://127.0.0.1:${port}` },
        input: "second-Password2\n",
      });
      expect(set).toMatchObject({ code: 0, stderr: "" });
      // Delivered while the command ran: nothing arrives once it has exited.
      expect(received).toHaveLength(1);
      expect(received[0]).toContain(email);
      expect(received[0]).toMatch(/Subject: .*password/i);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});
