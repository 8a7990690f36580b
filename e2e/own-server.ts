// A second app server for specs that need their own settings or database: the existing build
// (the main webServer built it) started by scripts/e2e-server.mjs on its own port.
import { spawn, type ChildProcess } from "node:child_process";

/**
 * The port of a spec's own server (or of a fake it starts): `process.env[variable]` when set,
 * else `portAtDefaultBase` moved as far as E2E_PORT is moved from its default, 3210. A second e2e
 * run on the same machine with an E2E_PORT at least 300 away then collides with the first on no
 * port (own servers use 3211-3440 at the default base, and their mailboxes those plus 10000).
 */
export function ownPort(variable: string, portAtDefaultBase: number): number {
  const set = process.env[variable];
  if (set) return Number(set);
  return Number(process.env.E2E_PORT ?? 3210) + (portAtDefaultBase - 3210);
}

export interface OwnServer {
  origin: string;
  stop(): Promise<void>;
}

/**
 * Starts `scripts/e2e-server.mjs` with `env` on `port` and waits until `readyPath` (the sign-in
 * page: "/auth" unless the spec moves websiteBasePath) answers. Each spec must use its own port:
 * with two workers, specs run at the same time.
 */
export async function startOwnServer(port: number, env: Record<string, string> = {}, timeoutMs = 60_000, readyPath = "/auth"): Promise<OwnServer> {
  const child: ChildProcess = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, E2E_SKIP_BUILD: "1", E2E_PORT: String(port), ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`e2e server on port ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://localhost:${port}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`e2e server on port ${port} did not answer within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { origin: `http://localhost:${port}`, stop };
}
