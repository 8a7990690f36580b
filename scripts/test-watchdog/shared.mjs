// Shared by the three parts of the test watchdog (see reporter.mjs): where the worker processes
// register, and how long a test file may run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The folder the workers of one run register in; test-all.mjs sets it to read what was stopped. */
export const WATCHDOG_DIR_VARIABLE = "GATEHOUSE_TEST_WATCHDOG_DIR";
/** Seconds one test file may run before its worker is stopped (overrides the per-project limit). */
export const WATCHDOG_LIMIT_VARIABLE = "GATEHOUSE_TEST_WATCHDOG_SECONDS";
/** What the reporter writes at the end of a run, in the folder: `{ stopped: string[], otherFailures: number }`. */
export const OUTCOME_FILE = "outcome.json";
const OWNED_VARIABLE = "GATEHOUSE_TEST_WATCHDOG_DIR_OWNED";

/**
 * Seconds a file of each project may run. Far above the slowest file (unit: about 30 s on a
 * busy two-core machine; db: a few minutes), and far below CI's own limit, so that a file that
 * never ends is named and stopped instead of holding the run until CI gives up on it.
 */
const LIMITS = { unit: 300, db: 900 };

/** The limit set through the environment, in seconds; undefined when none (or not a positive number). */
function limitSet(env) {
  const set = Number(env[WATCHDOG_LIMIT_VARIABLE]);
  return Number.isFinite(set) && set > 0 ? set : undefined;
}

export function limitSecondsFor(project, env = process.env) {
  return limitSet(env) ?? LIMITS[project] ?? Math.max(...Object.values(LIMITS));
}

/**
 * How long a worker's main thread may send no heartbeat before the stack it is blocked in is
 * recorded: 20 s, or a quarter of a limit set through the environment (so that a test of the
 * watchdog with a short limit sees it).
 */
export function blockedMsFor(env = process.env) {
  const set = limitSet(env);
  return set === undefined ? 20_000 : Math.min(20_000, (set * 1000) / 4);
}

/**
 * The run's folder. Made here when nobody set it, and put in the environment so that the worker
 * processes, which inherit it, find the same one (the config is loaded before any is started).
 * The process that made it removes it when it exits, whatever ends the run: a `--reporter` given
 * on the command line replaces the watchdog's reporter, which would otherwise be the one to.
 */
export function watchdogDir(env = process.env) {
  if (!env[WATCHDOG_DIR_VARIABLE]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-test-watchdog-"));
    env[WATCHDOG_DIR_VARIABLE] = dir;
    // The owner's pid, not a flag: worker processes, and any vitest a test starts, inherit it.
    env[OWNED_VARIABLE] = String(process.pid);
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return env[WATCHDOG_DIR_VARIABLE];
}

/** Whether watchdogDir made the folder (nobody will read the outcome: the reporter removes it). */
export const ownsWatchdogDir = (env = process.env) => env[OWNED_VARIABLE] === String(process.pid);

/**
 * How long the reporter, at a file's limit, waits for the worker's record to settle before it
 * kills the worker: a block that began just before the limit is seen by the thread beside the
 * main thread only after `blockedMsFor` and its one-second tick, and then read in a moment.
 */
export const settleMsFor = (env = process.env) => blockedMsFor(env) + 5000;

/** The record's words while the pause it asked for has not landed, and nothing else is known yet. */
export const NOT_PAUSED_YET = "outside JavaScript or not yet paused: no stack";

/** Whether a worker's record says all it will: read, and more than "not paused yet". */
export const isSettled = (record) => record !== undefined && !record.endsWith(NOT_PAUSED_YET);

export const registrationFile = (dir, pid) => path.join(dir, `worker-${pid}.json`);
export const isRegistration = (name) => /^worker-\d+\.json$/.test(name);
export const stackFile = (dir, pid) => path.join(dir, `worker-${pid}.stack.txt`);

/** What the reporter wrote at the end of a run in `dir`; null when it wrote nothing (or not whole). */
export function readOutcome(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, OUTCOME_FILE), "utf8"));
  } catch {
    return null;
  }
}

/**
 * The files to run once more after a failed run (repository-relative): those the watchdog stopped,
 * when nothing else failed; none otherwise, and the failure stands.
 */
export function filesToRunAgain(outcome, root) {
  if (!outcome || !Array.isArray(outcome.stopped) || outcome.stopped.length === 0 || outcome.otherFailures !== 0) return [];
  return outcome.stopped.map((file) => path.relative(root, file));
}
