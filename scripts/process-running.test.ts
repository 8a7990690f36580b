import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { isProcessRunning } from "./process-running.mjs";

const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) if (isProcessRunning(pid)) process.kill(pid, "SIGKILL");
});

/** A parent that never reaps (a shell that became `sleep`), and the pid of its child, which exits soon after. */
function startParentOfZombie(): Promise<{ parent: number; child: number }> {
  const shell = spawn("bash", ["-c", "sleep 0.2 & echo $!; exec sleep 60"], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(shell.pid!);
  return new Promise((resolve, reject) => {
    shell.stdout.once("data", (data: Buffer) => resolve({ parent: shell.pid!, child: Number(String(data).trim()) }));
    shell.once("error", reject);
  });
}

describe("isProcessRunning", () => {
  it("is true for this process and false for a pid nobody has", () => {
    expect(isProcessRunning(process.pid)).toBe(true);
    expect(isProcessRunning(2 ** 22 + 1)).toBe(false);
  });

  it.runIf(process.platform === "linux")("counts an exited child that nobody reaped (a zombie) as gone", async () => {
    const { parent, child } = await startParentOfZombie();
    // The child exits after 0.2 s; its parent is `sleep` by then and never waits for it.
    for (const deadline = Date.now() + 5_000; Date.now() < deadline && isProcessRunning(child);) await new Promise((r) => setTimeout(r, 20));
    expect(isProcessRunning(child)).toBe(false);
    expect(isProcessRunning(parent)).toBe(true);
  });
});
