// A thread beside a test worker's main thread (started by worker-setup.mjs). When the main thread
// has sent no heartbeat for `blockedMs`, it is stuck in synchronous work (a loop that never
// ends, a sync call that never returns), where no test timeout can fire. This thread then asks
// the inspector to pause it — a pause interrupts even a busy loop — and writes the stack it
// is paused in, for the reporter to print. Should the thread answer again, the record says so:
// a block that passed is not what holds a file that has not ended.
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parentPort, workerData } from "node:worker_threads";
import { NOT_PAUSED_YET } from "./shared.mjs";

const { out, blockedMs } = workerData;
let lastBeat = Date.now();
let recorded = false;
// Which block this is: a heartbeat ends one, and what is still being read of it is then stale.
let block = 0;
parentPort.on("message", () => {
  const now = Date.now();
  if (recorded) endBlock(now - lastBeat);
  lastBeat = now;
  recorded = false;
});

/** The thread answers again: the record says so, keeping what was read while it did not. */
function endBlock(ms) {
  block++;
  let was = "";
  try {
    was = readFileSync(out, "utf8").trimEnd();
  } catch {
    // Nothing was written yet.
  }
  writeFileSync(out, `answering again, after ${Math.round(ms / 1000)} s without an answer; while it did not answer, it was ${was}\n`);
}

async function recordStack() {
  const thisBlock = block;
  const record = (text) => {
    if (block === thisBlock) writeFileSync(out, text);
  };
  const session = new Session();
  session.connectToMainThread();
  const urls = new Map();
  session.on("Debugger.scriptParsed", ({ params }) => urls.set(params.scriptId, params.url));
  // First what is known without the stack: a pause waits for the thread to run JavaScript again,
  // so a thread blocked in a native call (a sync child process, a lock) is not paused while it
  // lasts. What the kernel says of the thread then tells a wait (a lock, a child) from native
  // work (a GC).
  const noStack = `blocked (no answer for ${Math.round((Date.now() - lastBeat) / 1000)} s when this was read), ${NOT_PAUSED_YET}`;
  record(`${noStack}\n`);
  try {
    const asked = Date.now();
    let stackRead = false;
    let reached = asked;
    const paused = new Promise((resolve) => session.once("Debugger.paused", ({ params }) => resolve(params)));
    // All three wait on the main thread, and are sent together: the thread takes them in order
    // at its first JavaScript, so the pause lands there. The first is answered at once, and tells
    // when that was; the pause lands later by what enabling the debugger costs (it first reports
    // every script loaded), which is not time outside JavaScript. None is awaited before the
    // kernel is asked.
    const pausing = Promise.all([
      session.post("Runtime.getIsolateId").then(() => (reached = Date.now())),
      session.post("Debugger.enable"),
      session.post("Debugger.pause"),
    ]);
    pausing.catch(() => {});
    mainThreadAsKernelSees().then((kernelView) => {
      if (kernelView && !stackRead) record(`${noStack}; ${kernelView}\n`);
    });
    await pausing;
    const { callFrames } = await paused;
    stackRead = true;
    const waited = reached - asked;
    const lines = callFrames.map(
      (f) =>
        `    at ${f.functionName || "<anonymous>"} (${urls.get(f.location.scriptId) || f.url || "?"}:${f.location.lineNumber + 1}:${f.location.columnNumber + 1})`,
    );
    // A pause that took long landed where the thread came back from outside JavaScript: that is
    // not where it was blocked, but it names the native call that returned.
    const where =
      waited < 1000 ? "in" : `outside JavaScript for ${Math.round(waited / 1000)} s more after a pause was asked; it came back to JavaScript in`;
    // Written while the thread is still paused: its next heartbeat, after the resume, must find it.
    record(`blocked (no answer for ${Math.round((asked - lastBeat) / 1000)} s when this was read) ${where}:\n${lines.join("\n")}\n`);
    await session.post("Debugger.resume");
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
  const thisBlock = block;
  recordStack().catch((error) => {
    if (block === thisBlock) writeFileSync(out, `blocked; the stack could not be read: ${error?.message ?? error}\n`);
  });
}, 1000);
