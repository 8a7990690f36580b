// `next dev`, as a newcomer starts it: a port of its own, no GATEHOUSE_APP_ORIGIN, nothing from the
// developer's .env files (scripts/hermetic-env.mjs), a fresh migrated SQLite database. Its own
// distDir, so that it never meets the production build the other specs run against.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { hermeticEnv } from "../scripts/hermetic-env.mjs";

export interface DevServer {
  port: number;
  /** The last lines the server printed (for failure messages and log assertions). */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `next dev` on `port` (every interface, as `npm run dev` does: localhost, 127.0.0.1 and
 * [::1] all reach it) and waits until it listens. Pages compile on their first request,
 * which on a loaded two-core machine takes tens of seconds each: callers give their first visits
 * long timeouts.
 */
export async function startDevServer(options: { port: number; databaseUrl: string; distDir: string; secret: string }): Promise<DevServer> {
  const env = hermeticEnv({
    NODE_ENV: "development",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    GATEHOUSE_SECRET: options.secret,
    GATEHOUSE_NEXT_DIST_DIR: options.distDir,
    // What the spec is about: no origin configured at all.
    GATEHOUSE_APP_ORIGIN: undefined,
  });
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(options.port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 120_000;
  while (!/Ready in|Local:/.test(output)) {
    if (child.exitCode !== null) throw new Error(`next dev exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next dev did not start within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port: options.port, output: () => output, stop };
}
