import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isProcessRunning } from "./process-running.mjs";
import { descendantsOf, signalTree } from "./process-tree.mjs";

/** A shell that starts a sleeper in a process group of its own (as Playwright starts its web server) and prints its pid. */
function startTree(): Promise<{ shell: number; sleeper: number }> {
  const shell = spawn("bash", ["-c", "setsid sleep 60 & echo $!; wait"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    shell.stdout.once("data", (data: Buffer) => resolve({ shell: shell.pid!, sleeper: Number(String(data).trim()) }));
    shell.once("error", reject);
  });
}

async function waitUntilGone(pid: number, ms = 5_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    // A killed child of a shell that has not reaped it yet counts as gone (isProcessRunning).
    if (!isProcessRunning(pid)) return true;
  }
  return false;
}

/** Whatever a test's verdict, none of its processes keeps running. */
function killAll(pids: number[]): void {
  for (const pid of pids) if (isProcessRunning(pid)) process.kill(pid, "SIGKILL");
}

describe("process tree", () => {
  it("finds the processes below a pid, a grandchild in its own process group included", async () => {
    const { shell, sleeper } = await startTree();
    try {
      expect(descendantsOf(shell)).toContain(sleeper);
      expect(descendantsOf(sleeper)).toEqual([]);
    } finally {
      killAll([sleeper, shell]);
    }
  });

  it("signals the whole tree: the grandchild that signalling the child alone would leave running", async () => {
    const { shell, sleeper } = await startTree();
    try {
      const signalled = signalTree(shell, "SIGTERM");
      expect(signalled).toEqual(expect.arrayContaining([shell, sleeper]));
      expect(await waitUntilGone(sleeper)).toBe(true);
      expect(await waitUntilGone(shell)).toBe(true);
    } finally {
      killAll([sleeper, shell]);
    }
  });

  it("skips a pid that is gone", () => {
    expect(() => signalTree(2 ** 22 + 12_345, "SIGTERM")).not.toThrow();
  });
});
