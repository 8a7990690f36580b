/**
 * The hidden password prompt of `users create` / `users set-password` on a terminal
 * (testing/fake-terminal.ts), in-process against a temporary SQLite database: raw mode before the
 * prompt shows, pasted lines, the input ending, Ctrl-C, backspace, and the password that reaches
 * the store.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIn } from "../auth/emailpassword/sign-in";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { sqliteForCli } from "./testing/cli-database";
import { fakeTerminal, type TerminalStep } from "./testing/fake-terminal";
import { runCli } from "./testing/run-cli";

// The old prompt waited for ever on some of these inputs: fail in seconds, not at the suite's limit.
const WAITS_FOR_EVER_BEFORE = { timeout: 15_000 };

describe("the CLI's hidden password prompt on a terminal", () => {
  const database = sqliteForCli();
  const engine = () =>
    createTestEngine({}, { stores: createPrismaStores(database.db.url), clock: { now: () => new Date(), advanceSeconds() {} } }).ctx;
  const signsIn = async (email: string, password: string) => (await signIn(engine(), { email, password, formFields: {} })).status;
  const email = () => `prompt-${randomUUID().slice(0, 8)}@example.com`;
  const create = async (address: string, script: TerminalStep[]) => {
    const terminal = fakeTerminal(script);
    const result = await runCli(["users", "create", address], { env: database.env, terminal });
    return { ...result, events: terminal.events, raw: terminal.raw };
  };
  const lastRawEvent = (events: string[]) => events.filter((e) => e.startsWith("raw ")).at(-1);

  it("raw mode and the key listener are in place before the prompt shows: keys typed at once are not echoed", async () => {
    const address = email();
    const run = await create(address, [
      { prompt: "New password: ", keys: "typed-Password1\r" },
      { prompt: "Again: ", keys: "typed-Password1\r" },
    ]);
    expect(run).toMatchObject({ code: 0, raw: false });
    const shown = run.events.indexOf("shown: New password: ");
    expect(shown).toBeGreaterThan(-1);
    expect(run.events.indexOf("raw on")).toBeGreaterThan(-1);
    expect(run.events.indexOf("raw on")).toBeLessThan(shown);
    expect(run.events.indexOf("listening")).toBeGreaterThan(-1);
    expect(run.events.indexOf("listening")).toBeLessThan(shown);
    expect(run.events.filter((e) => e.startsWith("echoed: "))).toEqual([]);
    expect(lastRawEvent(run.events)).toBe("raw off");
    expect(await signsIn(address, "typed-Password1")).toBe("OK");
  });

  it.each([
    ["\\r", "\r"],
    ["\\n", "\n"],
    ["\\r\\n", "\r\n"],
  ])("both passwords pasted in one chunk (lines ending in %s) answer both questions", WAITS_FOR_EVER_BEFORE, async (_, eol) => {
    const address = email();
    const run = await create(address, [{ prompt: "New password: ", keys: `pasted-Password1${eol}pasted-Password1${eol}` }]);
    expect(run).toMatchObject({ code: 0, raw: false });
    expect(run.stderr).toBe("New password: \nAgain: \n");
    expect(await signsIn(address, "pasted-Password1")).toBe("OK");
  });

  it("a \\r\\n split across two chunks is one line break", WAITS_FOR_EVER_BEFORE, async () => {
    const address = email();
    const run = await create(address, [
      { prompt: "New password: ", keys: "split-Password1\r" },
      { prompt: "Again: ", keys: "\nsplit-Password1\r" },
    ]);
    expect(run).toMatchObject({ code: 0 });
    expect(await signsIn(address, "split-Password1")).toBe("OK");
  });

  it("--password-stdin on a terminal still asks at the hidden prompt: nothing typed is echoed", WAITS_FOR_EVER_BEFORE, async () => {
    const address = email();
    const terminal = fakeTerminal([
      { prompt: "New password: ", keys: "flagged-Password1\r" },
      { prompt: "Again: ", keys: "flagged-Password1\r" },
    ]);
    const run = await runCli(["users", "create", address, "--password-stdin"], { env: database.env, terminal });
    expect(run.code).toBe(0);
    expect(terminal.events.filter((e) => e.startsWith("echoed: "))).toEqual([]);
    expect(terminal.events.indexOf("raw on")).toBeGreaterThan(-1);
    expect(terminal.events.indexOf("raw on")).toBeLessThan(terminal.events.indexOf("shown: New password: "));
    expect(terminal.raw).toBe(false);
    expect(await signsIn(address, "flagged-Password1")).toBe("OK");
  });

  it("set-password from the prompt: the new password is the one stored", WAITS_FOR_EVER_BEFORE, async () => {
    const address = email();
    expect((await runCli(["users", "create", address, "--password-stdin"], { env: database.env, input: "first-Password1\n" })).code).toBe(0);
    const terminal = fakeTerminal([{ prompt: "New password: ", keys: "second-Password2\r\nsecond-Password2\r\n" }]);
    expect(await runCli(["users", "set-password", address], { env: database.env, terminal })).toMatchObject({ code: 0, stdout: "password set\n" });
    expect(await signsIn(address, "first-Password1")).toBe("WRONG_CREDENTIALS_ERROR");
    expect(await signsIn(address, "second-Password2")).toBe("OK");
  });

  it.each([
    ["stdin closed at the first question", [{ prompt: "New password: ", endInput: true as const }]],
    ["Ctrl-D on an empty line", [{ prompt: "New password: ", keys: "\u0004" }]],
    [
      "stdin closed at the second question",
      [
        { prompt: "New password: ", keys: "ended-Password1\r" },
        { prompt: "Again: ", endInput: true as const },
      ],
    ],
    ["Ctrl-D after a backspaced line", [{ prompt: "New password: ", keys: "ab\u007f\u007f\u0004" }]],
  ])("the input ending (%s) is a clear error and exit 1, not a wait", WAITS_FOR_EVER_BEFORE, async (_, script) => {
    const address = email();
    const run = await create(address, script);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: the input ended before an answer was entered/);
    expect(run).toMatchObject({ raw: false, stdout: "" });
    expect(lastRawEvent(run.events)).toBe("raw off");
    expect((await runCli(["users", "show", address], { env: database.env })).code).toBe(1);
  });

  it("Ctrl-C cancels with 130 and raw mode off; differing answers are refused with raw mode off", WAITS_FOR_EVER_BEFORE, async () => {
    const address = email();
    const cancelled = await create(address, [{ prompt: "New password: ", keys: "half\u0003typed-on\r" }]);
    expect(cancelled).toMatchObject({ code: 130, raw: false });
    expect(cancelled.stderr).toMatch(/error: cancelled\n$/);
    const differ = await create(address, [{ prompt: "New password: ", keys: "one-Password1\rtwo-Password2\r" }]);
    expect(differ).toMatchObject({ code: 1, raw: false });
    expect(differ.stderr).toMatch(/error: the two passwords differ\n$/);
    expect((await runCli(["users", "show", address], { env: database.env })).code).toBe(1);
  });

  it("backspace deletes a whole character, an emoji outside the BMP (with its skin tone) included", async () => {
    const address = email();
    const keys = "emoji-Password1😀\u007f👍🏽\u007f\r";
    const run = await create(address, [
      { prompt: "New password: ", keys },
      { prompt: "Again: ", keys },
    ]);
    expect(run.code).toBe(0);
    expect(await signsIn(address, "emoji-Password1")).toBe("OK");
  });

  it(
    "arrow and function keys, other control keys and Ctrl-U (start the line again) do not become part of the password",
    WAITS_FOR_EVER_BEFORE,
    async () => {
      const address = email();
      const keys = "wrong-start\u0015arrows\u001b[A\u001b[1;5D\u001bOH-Pass\u0001\u000cword1\r";
      const run = await create(address, [
        { prompt: "New password: ", keys },
        // A lone Esc does not swallow the Enter after it.
        { prompt: "Again: ", keys: "arrows-Password1\u001b\r" },
      ]);
      expect(run.code).toBe(0);
      expect(await signsIn(address, "arrows-Password1")).toBe("OK");
    },
  );
});
