// A serverless instance, simulated honestly: a fresh `next start` (through scripts/e2e-server.mjs,
// which pins the environment) that answers exactly one request and is stopped. Unlike
// startOwnServer (e2e/own-server.ts) it does not probe a page to see that the server is up, since
// that probe would warm the process before its one request; it waits until the port accepts a
// connection, which is when a platform would hand the request over.
import { spawn } from "node:child_process";
import net from "node:net";

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts a cold app process on `port` with `env` (E2E_* variables, as for startOwnServer), runs
 * `request` against its origin, stops the process and returns what `request` returned. The
 * process's output is kept and shown only when something fails.
 */
export async function withOneRequestProcess<T>(
  port: number,
  env: Record<string, string>,
  request: (origin: string) => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const child = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, E2E_SKIP_BUILD: "1", E2E_PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await accepts(port))) {
      if (child.exitCode !== null) throw new Error(`the process on port ${port} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`the process on port ${port} did not listen within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return await request(`http://localhost:${port}`);
  } catch (error) {
    (error as Error).message += `\n--- output of the process on port ${port} ---\n${output}`;
    throw error;
  } finally {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  }
}
