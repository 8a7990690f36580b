/**
 * The notices a CLI command sends (through the app's SMTP_URL): delivered before the command
 * exits, since nothing sends them once it has.
 */
import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { disconnectPrismaClient } from "../store";
import { freePort, runCli } from "./testing/run-cli";

describe("gatehouse CLI notices on SQLite", () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  const run = (args: string[], input?: string) => runCli(args, { env, input });

  beforeAll(async () => {
    db = await createTestDatabase("sqlite");
    env = { DATABASE_URL: db.url, GATEHOUSE_SECRET: TEST_SECRET };
  });
  afterAll(async () => {
    await disconnectPrismaClient(db.url);
    await db.drop();
  });

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
        env: { ...env, SMTP_URL: `smtp://127.0.0.1:${port}` },
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
