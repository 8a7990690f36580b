// Whether a process still runs, for the test tools that clean up after runs that died: the layer
// rules' fixtures (layers-fixtures.mjs), test databases (test-db.mjs), the watchdog's workers,
// and the steps `npm test` stops (test-all.mjs).
import { readFileSync } from "node:fs";

/**
 * True unless no process has this pid (ESRCH) or it has exited and only waits to be reaped (a
 * zombie, on Linux): under a PID 1 that never reaps, a killed process stays a zombie, and
 * counting it as running made `npm test` wait out its whole grace period. One owned by another
 * user (EPERM) runs.
 */
export function isProcessRunning(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code !== "ESRCH";
  }
  return !isZombie(pid);
}

function isZombie(pid) {
  if (process.platform !== "linux") return false;
  try {
    // The state follows the command name, which is in parentheses and may itself hold ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
