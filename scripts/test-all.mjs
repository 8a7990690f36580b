#!/usr/bin/env node
// `npm test`: every suite. The typecheck runs first, alone; then two lanes at once:
//   checks: layers → lint → format → unit → integration
//   e2e:    Playwright (its web server builds the app first)
// The e2e lane waits on timers (tokens that must expire, servers that must start), and the checks
// take the cores it leaves, so the whole run takes about the longer lane instead of their sum
// (CI's budget is 30 minutes). Both lanes still need much CPU: on two cores the run lasts about
// their CPU time over two, so what a lane burns counts (the e2e browser is Debian's headless
// shell for that reason: scripts/system-chromium.mjs). The typecheck goes first because it reads
// the build's generated types (tsconfig.json), which the e2e build rewrites.
//
// While the lanes overlap, the checks lane runs at a lower CPU priority (nice 10, inherited by
// every process it starts; the database servers keep theirs). The e2e lane's waits are real
// time against real deadlines (3-second access tokens, expect timeouts), so it must not starve;
// a vitest test's deadline is a minute or more. No work is lost: the checks take the cores the
// e2e lane leaves idle, and all of them once it ends.
//
// Output is streamed; while lanes overlap, each line is prefixed with its step. The first failing
// step stops every lane, and the exit code is its code. The last line is the summary
// `N passed, N failed` (counting steps). `node scripts/test-all.mjs unit e2e` runs only the named
// steps; `TEST_ALL_SERIAL=1` runs the lanes one after the other.
//
// The vitest steps run under the test watchdog (scripts/test-watchdog/reporter.mjs), which stops
// a test file that never ends. When the files it stopped are the step's only failures, they run
// once more, alone, and that run decides the step; the stopped files and where they were stuck
// stay in the output above it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { removeAbandonedLayersFixtures } from "./layers-fixtures.mjs";
import { isProcessRunning } from "./process-running.mjs";
import { signalTree } from "./process-tree.mjs";
import { filesToRunAgain, readOutcome, WATCHDOG_DIR_VARIABLE } from "./test-watchdog/shared.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STEPS = {
  typecheck: { cmd: "npx", args: ["tsc", "--noEmit"] },
  // The dependency rules of .dependency-cruiser.cjs (the layers, no cycles): `npm run layers`.
  layers: { cmd: "npm", args: ["run", "--silent", "layers"] },
  // ESLint (eslint.config.mjs) with no warnings allowed: `npm run lint`.
  lint: { cmd: "npm", args: ["run", "--silent", "lint"] },
  // Prettier (prettier.config.mjs): every file as `npm run format` would write it.
  format: { cmd: "npm", args: ["run", "--silent", "format:check"] },
  unit: { cmd: "npx", args: ["vitest", "run", "--project", "unit", "--project", "unit-isolated"], watchdog: true },
  integration: { cmd: process.execPath, args: ["scripts/test-integration.mjs"], watchdog: true },
  e2e: { cmd: "npx", args: ["playwright", "test"], keepsPriority: true },
};
/** The niceness of the checks lane while the e2e lane runs beside it (see the top of this file). */
const CHECKS_NICENESS = 10;
/**
 * The e2e build's own type-check repeats the typecheck step: skipped when that step is in this
 * run, which has passed by the time the e2e lane starts (it runs alone, first).
 */
const stepEnv = (name) => (name === "e2e" && planned.includes("typecheck") ? { E2E_BUILD_SKIP_TYPECHECK: "1" } : {});
/** Phases run in order; the lanes of a phase run at once, each lane's steps in order. */
const PHASES = [[["typecheck"]], [["layers", "lint", "format", "unit", "integration"], ["e2e"]]];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !(n in STEPS));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(", ")}; known: ${Object.keys(STEPS).join(", ")}`);
  process.exit(2);
}
const chosen = (name) => only.length === 0 || only.includes(name);
const serial = process.env.TEST_ALL_SERIAL === "1";
const phases = PHASES.flatMap((lanes) => {
  const kept = lanes.map((lane) => lane.filter(chosen)).filter((lane) => lane.length > 0);
  return serial ? kept.map((lane) => [lane]) : [kept];
}).filter((lanes) => lanes.length > 0);
const planned = phases.flat(2);

const running = new Set();
let interrupted = null;
let failed = false;
/** How long a stopped step's processes get to end on their own before they are killed. */
const STOP_GRACE_MS = 15_000;

/** Every process a stop signalled: what must have ended before this run exits. */
const stoppedPids = new Set();

/**
 * Stops every running step: `signal` to each step's whole process tree (process-tree.mjs: npx
 * passes nothing on, and Playwright's web server has a process group of its own). A step that
 * does not end within the grace period is killed, so that its lane can finish.
 */
function stopRunningSteps(signal) {
  const signalled = [...running].flatMap((child) => (child.pid === undefined ? [] : signalTree(child.pid, signal)));
  for (const pid of signalled) stoppedPids.add(pid);
  setTimeout(killStopped, STOP_GRACE_MS).unref();
}

function killStopped() {
  for (const pid of stoppedPids) if (isProcessRunning(pid)) signalTree(pid, "SIGKILL");
}

/** Before exiting: the stopped processes get what is left of the grace period to end, then are killed. */
async function reapStopped() {
  const deadline = Date.now() + STOP_GRACE_MS;
  while ([...stoppedPids].some(isProcessRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  killStopped();
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    interrupted = sig;
    stopRunningSteps(sig);
  });
}

/**
 * Runs one step; `prefix` tags its lines when another lane's output is interleaved. `files`
 * narrows a vitest step to those files; `watchdogDir` is where its watchdog writes its outcome.
 */
function run(name, prefix, { files = [], watchdogDir } = {}) {
  const { cmd } = STEPS[name];
  const args = [...STEPS[name].args, ...files];
  return new Promise((resolve) => {
    const env = { ...process.env, ...stepEnv(name), ...(watchdogDir ? { [WATCHDOG_DIR_VARIABLE]: watchdogDir } : {}) };
    const child = spawn(cmd, args, { cwd: root, env, stdio: prefix ? ["ignore", "pipe", "pipe"] : "inherit" });
    running.add(child);
    // Set before the child can start one of its own (a vitest worker, a database client), so
    // that every process of the step inherits it. Only while another lane runs (`prefix`).
    if (prefix && !STEPS[name].keepsPriority && child.pid !== undefined) lowerPriority(name, child.pid);
    if (prefix) {
      for (const [stream, out] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ]) {
        readline.createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => out.write(`[${name}] ${line}\n`));
      }
    }
    child.on("error", (err) => {
      console.error(`[test-all] ${name}: could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

function lowerPriority(name, pid) {
  try {
    os.setPriority(pid, CHECKS_NICENESS);
  } catch (err) {
    // Not fatal: the step runs at the priority it has.
    console.error(`[test-all] ${name}: could not lower its priority: ${err.message}`);
  }
}

/**
 * A vitest step under the watchdog: when every failure was a file the watchdog stopped, those
 * files run once more and decide the step.
 */
async function runWatched(name, prefixed) {
  const first = await runOnce(name, prefixed);
  if (first.code === 0 || interrupted || failed) return first.code;
  const files = filesToRunAgain(first.outcome, root);
  if (files.length === 0) return first.code;
  console.log(
    `\n[test-all] ── ${name}: the watchdog stopped ${files.length} file(s) that never ended, and nothing else failed; running them once more: ${files.join(" ")}`,
  );
  return (await runOnce(name, prefixed, files)).code;
}

/** One run of a vitest step, with its own watchdog folder; what the watchdog saw, if it failed. */
async function runOnce(name, prefixed, files = []) {
  const watchdogDir = mkdtempSync(path.join(os.tmpdir(), `gatehouse-${name}-watchdog-`));
  try {
    const code = await run(name, prefixed, { files, watchdogDir });
    return { code, outcome: code === 0 ? null : readOutcome(watchdogDir) };
  } finally {
    rmSync(watchdogDir, { recursive: true, force: true });
  }
}

const results = [];
let exitCode = 0;

async function runLane(lane, prefixed) {
  for (const name of lane) {
    if (failed || interrupted) return;
    const step = STEPS[name];
    const shown = step.cmd === process.execPath ? ["node", ...step.args] : [step.cmd, ...step.args];
    console.log(`\n[test-all] ── ${planned.indexOf(name) + 1}/${planned.length} ${name}: ${shown.join(" ")}`);
    const started = Date.now();
    let code = await (step.watchdog ? runWatched(name, prefixed) : run(name, prefixed));
    if (interrupted && code === 0) code = 130;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // A step stopped because another failed is not a failure of its own.
    const stopped = failed && code !== 0;
    results.push({ name, ok: code === 0, stopped, seconds, code });
    console.log(`[test-all] ── ${name} ${code === 0 ? "passed" : stopped ? "stopped" : "FAILED"} in ${seconds}s`);
    if (code !== 0 && !stopped) {
      failed = true;
      exitCode = code;
      stopRunningSteps("SIGTERM");
      return;
    }
  }
}

// A killed run of the layer rules' test can leave its fixtures in lib/, which every step would trip on.
for (const dir of removeAbandonedLayersFixtures(root))
  console.log(`[test-all] removed ${dir}, left by a run of scripts/layers.test.ts that was killed`);

for (const lanes of phases) {
  if (failed || interrupted) break;
  await Promise.all(lanes.map((lane) => runLane(lane, lanes.length > 1)));
}

await reapStopped();
console.log("\n[test-all] summary");
for (const r of results) {
  console.log(`  ${r.ok ? "pass" : r.stopped ? "stop" : "FAIL"}  ${r.name} (${r.seconds}s${r.ok ? "" : `, exit ${r.code}`})`);
}
for (const name of planned.filter((n) => !results.some((r) => r.name === n))) console.log(`  skip  ${name}`);
const passed = results.filter((r) => r.ok).length;
const stopped = results.filter((r) => r.stopped).length;
console.log(`${passed} passed, ${results.length - passed - stopped} failed${stopped ? `, ${stopped} stopped` : ""}`);
process.exit(exitCode);
