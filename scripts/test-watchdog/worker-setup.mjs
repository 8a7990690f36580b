// Runs in each test worker process before each test file (vitest `setupFiles`): registers which
// file this process runs, and once per process starts the thread that records where the main
// thread is stuck when it stops answering (blocked-thread.mjs). See reporter.mjs.
import { writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { blockedMsFor, registrationFile, stackFile, WATCHDOG_DIR_VARIABLE } from "./shared.mjs";

const dir = process.env[WATCHDOG_DIR_VARIABLE];
// Vitest's worker state names the file it is about to run. It is internal: should it go, nothing
// registers, and the reporter can still name a file that does not end but no longer stop it.
const file = globalThis.__vitest_worker__?.filepath;
const STARTED = Symbol.for("gatehouse.test-watchdog");

if (dir && file) {
  writeFileSync(registrationFile(dir, process.pid), JSON.stringify({ pid: process.pid, file }));
  if (!globalThis[STARTED]) {
    globalThis[STARTED] = true;
    const thread = new Worker(new URL("./blocked-thread.mjs", import.meta.url), {
      workerData: { out: stackFile(dir, process.pid), blockedMs: blockedMsFor() },
    });
    thread.unref();
    // A heartbeat: when the main thread stops sending it, it is blocked (a loop, a sync call).
    setInterval(() => thread.postMessage(0), 1000).unref();
  }
}
