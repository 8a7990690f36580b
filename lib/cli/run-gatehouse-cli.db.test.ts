/**
 * The CLI run in-process (run-gatehouse-cli.ts through testing/run-cli.ts): what a run has of its
 * own, since many share one test worker. The commands themselves: cli.db.test.ts and beside it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/emailpassword/password-hash";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { sqliteForCli } from "./testing/cli-database";
import { runCli } from "./testing/run-cli";

describe("the CLI in-process", () => {
  const database = sqliteForCli();

  it("two runs in flight at once each see only their own environment, stdin, stdout and exit code", async () => {
    const tag = randomUUID().slice(0, 8);
    const missing = `file:/nonexistent/${tag}.db`;
    const [created, refused, elsewhere, here] = await Promise.all([
      runCli(["users", "create", `alpha-${tag}@example.com`, "--password-stdin"], { env: database.env, input: "alpha-Password1\n" }),
      runCli(["users", "create", `beta-${tag}@example.com`, "--password-stdin"], { env: database.env, input: "short\n" }),
      runCli(["doctor"], { env: { DATABASE_URL: missing, GATEHOUSE_SECRET: randomBytes(20).toString("hex") } }),
      runCli(["doctor"], { env: database.env }),
    ]);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(refused).toMatchObject({ code: 1, stdout: "" });
    expect(refused.stderr).toMatch(/^error: password: /);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).toContain(`the SQLite file /nonexistent/${tag}.db does not exist`);
    expect(elsewhere.stdout).toContain("set (40 bytes)");
    expect(here).toMatchObject({ code: 0, stdout: expect.stringContaining(`set (${Buffer.byteLength(TEST_SECRET)} bytes)`) });
    expect(here.stdout).not.toContain("nonexistent");

    const stores = createPrismaStores(database.db.url);
    const alpha = await stores.users.findEmailPasswordAccountByEmail(`alpha-${tag}@example.com`);
    expect(alpha?.user.id).toBe(created.stdout.trim());
    expect(await verifyPassword(alpha!.account.passwordHash, "alpha-Password1")).toBe(true);
    expect(await stores.users.findEmailPasswordAccountByEmail(`beta-${tag}@example.com`)).toBeNull();
    // Nothing of the runs reached the test's own process.
    expect(process.exitCode).toBeUndefined();
    expect(process.env.DATABASE_URL).not.toBe(database.db.url);
  });

  it("exit codes: 0, 1 for a command's error or a failed check, 2 for bad usage; help and usage errors on the run's streams", async () => {
    const help = await runCli(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "", stdout: expect.stringMatching(/^Usage: gatehouse /) });
    const usage = await runCli(["users", "frobnicate"]);
    expect(usage).toMatchObject({ code: 2, stdout: "" });
    expect(usage.stderr).toMatch(/unknown command 'frobnicate'[\s\S]*\(add --help for usage\)/);
    expect(await runCli(["keys", "reset"])).toEqual({ code: 1, stdout: "", stderr: "error: every access token stops verifying: add --yes\n" });
    // A check that fails sets the code without throwing; the next run starts from 0 again.
    expect((await runCli(["doctor"], { env: { DATABASE_URL: "file:/nonexistent/doctor.db" } })).code).toBe(1);
    expect((await runCli(["users", "list"], { env: database.env })).code).toBe(0);
  });

  it("a fresh program each run: options parsed in one run are not there in the next", async () => {
    const json = await runCli(["users", "list", "--json", "--limit", "1"], { env: database.env });
    const table = await runCli(["users", "list", "--limit", "1"], { env: database.env });
    expect(json.code).toBe(0);
    expect(table).toMatchObject({ code: 0, stdout: expect.stringMatching(/^id\s+email/) });
  });

  it("the engine's log lines go to the run's stderr, at the run's LOG_LEVEL", async () => {
    const quiet = await runCli(["roles", "create", `quiet-${randomUUID().slice(0, 6)}`], { env: database.env });
    expect(quiet).toMatchObject({ code: 0, stderr: "" });
    const role = `logged-${randomUUID().slice(0, 6)}`;
    const logged = await runCli(["roles", "create", role], { env: { ...database.env, LOG_LEVEL: "info" } });
    expect(logged.code).toBe(0);
    const lines = logged.stderr
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ level: "info", actor: "cli" }));
  });
});
