// A thread beside a test worker's main thread (started by worker-setup.mjs). When the main thread
// has sent no heartbeat for `blockedMs`, it is stuck in synchronous work (a loop that never
// ends, a sync call that never returns), where no test timeout can fire. This thread then asks
// the inspector to pause it — a pause interrupts even a busy loop — and writes the stack it
// is paused in, for the reporter to print.
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parentPort, workerData } from "node:worker_threads";

const { out, blockedMs } = workerData;
let lastBeat = Date.now();
let recorded = false;
parentPort.on("message", () => {
  lastBeat = Date.now();
  recorded = false;
});

async function recordStack() {
  const session = new Session();
  session.connectToMainThread();
  const urls = new Map();
  session.on("Debugger.scriptParsed", ({ params }) => urls.set(params.scriptId, params.url));
  // First what is known without the stack: a pause waits for the thread to run JavaScript again,
  // so a thread blocked in a native call (a sync child process, a lock) is never paused. What the
  // kernel says of the thread then tells a wait (a lock, a child) from native work (a GC).
  const noStack = `blocked (no answer for ${Math.round((Date.now() - lastBeat) / 1000)} s when this was read), outside JavaScript or not yet paused: no stack`;
  writeFileSync(out, `${noStack}\n`);
  const kernelView = await mainThreadAsKernelSees();
  if (kernelView) writeFileSync(out, `${noStack}; ${kernelView}\n`);
  try {
    const paused = new Promise((resolve) => session.once("Debugger.paused", ({ params }) => resolve(params)));
    await session.post("Debugger.enable");
    await session.post("Debugger.pause");
    const { callFrames } = await paused;
    const lines = callFrames.map(
      (f) =>
        `    at ${f.functionName || "<anonymous>"} (${urls.get(f.location.scriptId) || f.url || "?"}:${f.location.lineNumber + 1}:${f.location.columnNumber + 1})`,
    );
    await session.post("Debugger.resume");
    writeFileSync(out, `blocked (no answer for ${Math.round((Date.now() - lastBeat) / 1000)} s when this was read) in:\n${lines.join("\n")}\n`);
  } finally {
    session.disconnect();
  }
}

const STATES = { R: "running", S: "sleeping", D: "in uninterruptible wait", T: "stopped", t: "stopped by a tracer" };

/** The main thread's state, where it waits, and the CPU it used over one second, from /proc (Linux only). */
async function mainThreadAsKernelSees() {
  const read = (name) => readFileSync(`/proc/self/task/${process.pid}/${name}`, "utf8").trim();
  // The fields after the command name, which is in parentheses and may itself hold ") ".
  const fields = (stat = read("stat")) => stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  try {
    const before = fields();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = fields();
    // utime and stime (fields 14 and 15 of proc(5)), in clock ticks: 10 ms nearly everywhere.
    const ticks = (f) => Number(f[11]) + Number(f[12]);
    const state = after[0];
    let wchan = "";
    try {
      wchan = read("wchan");
    } catch {
      // Not readable here: the state alone says enough.
    }
    const where = wchan && wchan !== "0" ? ` in ${wchan}` : "";
    return `its main thread, as the kernel sees it: ${STATES[state] ?? "state"} (${state})${where}, ${(ticks(after) - ticks(before)) * 10} ms of CPU in 1 s`;
  } catch {
    return undefined;
  }
}

setInterval(() => {
  if (recorded || Date.now() - lastBeat < blockedMs) return;
  recorded = true;
  recordStack().catch((error) => writeFileSync(out, `blocked; the stack could not be read: ${error?.message ?? error}\n`));
}, 1000);
