// The test watchdog's reporter, in vitest's main process.
//
// Why: a test timeout only fires while the worker's event loop turns. A test file stuck in
// synchronous work, or a worker that never tells vitest it has finished, holds `npm test` until
// CI gives up on the whole run (it did once, in the unit step, with nothing printed to say
// which file). This names the file instead, and stops it:
//   - after half its limit (shared.mjs), it prints the file, how long it has run and the test
//     that started last, and where its worker's main thread is blocked, if it is;
//   - at its limit, once where the worker is blocked has been read (or after a few seconds more,
//     see settleMsFor), it kills that worker. Vitest then fails the file ("Worker exited
//     unexpectedly"), the run goes on, and the outcome file lists the files stopped so, with a
//     count of every other failure (test-all.mjs runs the stopped files once more when that
//     count is nought).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isProcessRunning } from "../process-running.mjs";
import { signalTree } from "../process-tree.mjs";
import { isRegistration, isSettled, limitSecondsFor, OUTCOME_FILE, ownsWatchdogDir, settleMsFor, stackFile, watchdogDir } from "./shared.mjs";

const say = (line) => process.stderr.write(`[watchdog] ${line}\n`);

export default class TestWatchdog {
  /** @type {Map<string, { module: any, startedAt: number, warned: boolean, shownStack?: string, lastTest?: string }>} */
  running = new Map();
  stopped = new Set();
  dir = watchdogDir();
  timer = undefined;

  onInit() {
    this.timer = setInterval(() => this.check(), 1000);
    this.timer.unref();
  }

  // Queued is reported by the worker as it takes the file up, before it imports it: the clock
  // starts there, so that a file stuck while being imported is caught too.
  onTestModuleQueued(module) {
    this.running.set(module.moduleId, { module, startedAt: Date.now(), warned: false });
  }

  onTestModuleStart(module) {
    if (!this.running.has(module.moduleId)) this.onTestModuleQueued(module);
  }

  onTestCaseReady(testCase) {
    const entry = this.running.get(testCase.module.moduleId);
    if (entry) entry.lastTest = testCase.fullName;
  }

  onTestModuleEnd(module) {
    this.running.delete(module.moduleId);
  }

  onTestRunEnd(modules, unhandledErrors) {
    clearInterval(this.timer);
    const failed = modules.filter((m) => m.state() === "failed").map((m) => m.moduleId);
    const stopped = [...this.stopped];
    // Each stopped worker also surfaces as an unhandled "Worker exited unexpectedly" error; one
    // more than were stopped is a worker that died of something else (a crash), a failure.
    const exits = unhandledErrors.filter((e) => /exited unexpectedly/i.test(`${e?.message ?? e} ${e?.cause?.message ?? ""}`)).length;
    const otherErrors = unhandledErrors.length - exits + Math.max(0, exits - stopped.length);
    const otherFailures = failed.filter((id) => !this.stopped.has(id)).length + otherErrors;
    if (ownsWatchdogDir()) rmSync(this.dir, { recursive: true, force: true });
    else writeFileSync(path.join(this.dir, OUTCOME_FILE), JSON.stringify({ stopped, otherFailures }));
    if (stopped.length) say(`stopped ${stopped.length} file(s) that did not end: ${stopped.map(relative).join(", ")}`);
  }

  check() {
    const now = Date.now();
    for (const [id, entry] of this.running) {
      const limit = limitSecondsFor(entry.module.project.name) * 1000;
      const ran = now - entry.startedAt;
      if (ran >= limit / 2 && !entry.warned) {
        entry.warned = true;
        say(
          `${relative(id)} has run for ${Math.round(ran / 1000)} s (limit ${limit / 1000} s); last test reported started: ${entry.lastTest ?? "none"}`,
        );
        entry.shownStack = this.printStack(id);
      }
      if (ran >= limit && !this.stopped.has(id)) {
        const pid = this.pidRunning(id);
        if (!pid) {
          // Its worker died on its own (vitest reports why) or never registered: nothing to stop.
          this.running.delete(id);
          say(`${relative(id)} did not end within ${limit / 1000} s, and no live worker runs it`);
          continue;
        }
        // Where it is stuck is what the stop must show: a block that began just before the limit
        // is not read yet, and a pause asked for a moment ago may be about to land.
        const stack = this.readStack(id, pid);
        if (!isSettled(stack) && ran < limit + settleMsFor()) continue;
        this.stopped.add(id);
        // Again if it has changed since (the kernel's view of a thread blocked outside JavaScript
        // comes a second after the first line).
        if (stack !== entry.shownStack) this.printStack(id, pid);
        say(`${relative(id)} did not end within ${limit / 1000} s: killing its worker (pid ${pid}) and what it started`);
        killTree(pid);
      }
    }
  }

  /** The live worker process that registered for this file last. */
  pidRunning(file) {
    const pids = readdirSync(this.dir)
      .filter(isRegistration)
      .map((name) => JSON.parse(readFileSync(path.join(this.dir, name), "utf8")))
      .filter((r) => r.file === file && isProcessRunning(r.pid))
      .map((r) => r.pid);
    return pids.at(-1);
  }

  /** Where the file's worker is blocked, as its thread recorded it; undefined while it is not. */
  readStack(file, pid = this.pidRunning(file)) {
    return pid && existsSync(stackFile(this.dir, pid)) ? readFileSync(stackFile(this.dir, pid), "utf8").trimEnd() : undefined;
  }

  /** Prints where the file's worker is blocked, and returns it (undefined: not blocked, yet). */
  printStack(file, pid = this.pidRunning(file)) {
    const stack = this.readStack(file, pid);
    if (stack) say(`worker ${pid}'s main thread is ${stack}`);
    else if (pid) say(`worker ${pid}'s main thread still answers (not blocked in synchronous work)`);
    return stack;
  }
}

const relative = (file) => path.relative(process.cwd(), file);

/**
 * Kills the worker and every process below it: a child the file started (a server, a sync child
 * process) would otherwise outlive its worker, and hold a port or a database. Where `ps` cannot
 * list them, the worker alone: the watchdog must not fail the run it guards.
 */
function killTree(pid) {
  try {
    signalTree(pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
}
