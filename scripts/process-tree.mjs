// Signals a process and everything it started, for `npm test` (scripts/test-all.mjs) when it is
// interrupted or a step fails. Signalling only the direct child is not enough: npx does not pass
// a signal on, and Playwright starts its web server in a process group of its own, so a stopped
// run left the server and the browser running.
import { execFileSync } from "node:child_process";

/** The pids of every process below `pid` (children, their children, …), from `ps`. */
export function descendantsOf(pid) {
  const children = new Map();
  // `ps -A -o pid=,ppid=` reads the same on Linux and macOS.
  for (const line of execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }).split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || !parent) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Sends `signal` to `pid` and to every process below it, all at once, as a terminal's Ctrl-C
 * reaches every process of its foreground group. Processes already gone are skipped. Returns the
 * pids signalled.
 */
export function signalTree(pid, signal) {
  const pids = [pid, ...descendantsOf(pid)];
  for (const target of pids) {
    try {
      process.kill(target, signal);
    } catch {
      // It ended meanwhile.
    }
  }
  return pids;
}
