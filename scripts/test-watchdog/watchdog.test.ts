import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesToRunAgain, OUTCOME_FILE, WATCHDOG_DIR_VARIABLE, WATCHDOG_LIMIT_VARIABLE } from "./shared.mjs";

const here = import.meta.dirname;
const root = path.resolve(here, "../..");

// Vitest itself, on eight fixture files: one ends in a loop no test timeout can interrupt, one
// does so only shortly before the limit, one is stuck in a loop while it is imported, one waits on
// a synchronous child process past the limit, one kills its own worker, one fails as a test
// fails, one passes, one is blocked for a while and then passes. With a 14 s limit the watchdog
// must name the four that do not end, show where they are stuck, stop their workers, let the rest
// of the run finish, and count the crash and the failure as failures it does not excuse.
describe("the test watchdog, in a vitest run with a file that never ends", () => {
  // Made before the tests, not as the file is collected: a run that skips them all (`-t`) runs no afterAll.
  let dir = "";
  beforeAll(() => void (dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-watchdog-test-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let output = "";
  let status: number | null = null;

  it("stops the file's worker at its limit, and the run ends", async () => {
    // Not spawnSync: this worker's own event loop must keep turning meanwhile.
    const child = spawn("npx", ["vitest", "run", "--config", path.join(here, "fixtures/vitest.config.mjs")], {
      cwd: root,
      env: { ...process.env, [WATCHDOG_DIR_VARIABLE]: dir, [WATCHDOG_LIMIT_VARIABLE]: "14", NO_COLOR: "1", FORCE_COLOR: "0" },
      timeout: 110_000,
    });
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (c, s) => resolve([c, s])));
    status = code;
    expect(signal, output).toBeNull();
    expect(status).not.toBe(0);
    for (const name of ["spins", "spins-late", "imports-forever", "native-call"]) {
      expect(output).toContain(`[watchdog] scripts/test-watchdog/fixtures/${name}.fixture.ts did not end within 14 s: killing its worker (pid `);
    }
    // The child process the native call waits on went with its worker, before its 30 s were up.
    const left = execFileSync("ps", ["-A", "-o", "args="], { encoding: "utf8" });
    expect(left).not.toContain("gatehouse-watchdog-native-call");
    expect(output).toMatch(/✓ passes\.fixture\.ts/);
    expect(output).toMatch(/✓ recovers\.fixture\.ts/);
  }, 120_000);

  it("shows where the worker's main thread is blocked", () => {
    expect(output).toMatch(/main thread is blocked \(no answer for \d+ s when this was read\) in:\n\s+at spinForever \(.*spins\.fixture\.ts:5:\d+\)/);
    expect(output).toMatch(/main thread is blocked \(no answer for \d+ s when this was read\) in:\n\s+at .*\(.*imports-forever\.fixture\.ts:5:\d+\)/);
    // A block that began too late to be seen before the limit: the stop waits for it to be read.
    expect(output).toMatch(
      /main thread is blocked \(no answer for \d+ s when this was read\) in:\n\s+at spinForever \(.*spins-late\.fixture\.ts:5:\d+\)/,
    );
    // Outside JavaScript there is no stack to read, and it says so rather than "still answers".
    expect(output).toMatch(
      /worker (\d+)'s main thread is blocked \(no answer for \d+ s when this was read\), outside JavaScript or not yet paused: no stack/,
    );
    // And on Linux what the kernel says of it: waiting on its child, not working.
    if (process.platform === "linux")
      expect(output).toMatch(/no stack; its main thread, as the kernel sees it: sleeping \(S\)[^\n]*, 0 ms of CPU in 1 s\n/);
  });

  it("records a block that passed as passed, with what was read while it lasted", () => {
    const records = readdirSync(dir)
      .filter((name) => name.endsWith(".stack.txt"))
      .map((name) => readFileSync(path.join(dir, name), "utf8"));
    const passed = records.filter((text) => text.startsWith("answering again"));
    expect(passed, records.join("\n---\n")).toHaveLength(1);
    // The pause landed only once the native call returned, in the call's own last steps: the
    // stack names that call, and says that it was read as the thread came back.
    expect(passed[0]).toMatch(
      /^answering again, after \d+ s without an answer; while it did not answer, it was blocked \(no answer for \d+ s when this was read\) outside JavaScript for \d+ s more after a pause was asked; it came back to JavaScript in:\n(\s+at [^\n]*\n)*?\s+at execFileSync [^\n]*\n\s+at [^\n]*recovers\.fixture\.ts:9:/,
    );
  });

  it("writes the outcome: the files it stopped, and the two other failures (the crash and the failing test)", () => {
    const outcome = JSON.parse(readFileSync(path.join(dir, OUTCOME_FILE), "utf8"));
    expect(outcome.otherFailures).toBe(2);
    const stopped = ["imports-forever", "native-call", "spins", "spins-late"].map((name) => path.join(here, `fixtures/${name}.fixture.ts`));
    expect(outcome.stopped.sort()).toEqual(stopped.sort());
  });
});

// The run's folder outlives no run: a `--reporter` on vitest's command line replaces the watchdog's
// reporter, so the process that made the folder removes it itself, at exit, however it exits.
describe("watchdogDir", () => {
  it.each([
    ["ends", ""],
    ["exits with a failure", "process.exit(3);"],
  ])("removes the folder it made when the process %s", (_, ending) => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "gatehouse-watchdog-dir-test-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
      delete env[WATCHDOG_DIR_VARIABLE];
      const script = `const { watchdogDir } = await import(${JSON.stringify(path.join(here, "shared.mjs"))}); const dir = watchdogDir(); console.log(dir, require("node:fs").existsSync(dir)); ${ending}`;
      let printed = "";
      try {
        printed = execFileSync(process.execPath, ["--input-type=commonjs", "-e", `(async () => { ${script} })()`], { env, encoding: "utf8" });
      } catch (error) {
        printed = String((error as { stdout?: string }).stdout);
      }
      const [dir, existed] = printed.trim().split(" ");
      expect(dir.startsWith(path.join(tmp, "gatehouse-test-watchdog-")), printed).toBe(true);
      expect(existed).toBe("true");
      expect(existsSync(dir)).toBe(false);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("leaves a folder somebody else set", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-watchdog-dir-test-"));
    try {
      const script = `import(${JSON.stringify(path.join(here, "shared.mjs"))}).then((m) => console.log(m.watchdogDir()))`;
      const printed = execFileSync(process.execPath, ["-e", script], { env: { ...process.env, [WATCHDOG_DIR_VARIABLE]: dir }, encoding: "utf8" });
      expect(printed.trim()).toBe(dir);
      expect(existsSync(dir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("filesToRunAgain", () => {
  it("runs the stopped files again only when nothing else failed", () => {
    expect(filesToRunAgain({ stopped: [`${root}/lib/a.test.ts`], otherFailures: 0 }, root)).toEqual(["lib/a.test.ts"]);
    expect(filesToRunAgain({ stopped: [`${root}/lib/a.test.ts`], otherFailures: 1 }, root)).toEqual([]);
    expect(filesToRunAgain({ stopped: [], otherFailures: 0 }, root)).toEqual([]);
    expect(filesToRunAgain(null, root)).toEqual([]);
  });
});
