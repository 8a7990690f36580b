/**
 * Builds the app into its own folder (.next-bench, so a benchmark never overwrites the build an
 * e2e run is using) and starts `next start` on loopback with a pinned environment, as
 * scripts/e2e-server.mjs does for Playwright.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hermeticEnv } from "../scripts/hermetic-env.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST_DIR = ".next-bench";
/** A fixed 32-byte secret: for benchmarks only, never for a deployment. */
export const BENCH_SECRET = "be7c4be7c4be7c4b".repeat(4);

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The developer's own settings and .env files must not change what is measured.
  return hermeticEnv({ NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", GATEHOUSE_NEXT_DIST_DIR: DIST_DIR, ...extra });
}

/** Where a build lives: the project and its dist folder, or a copy of the project (bench/proxy-variants.ts). */
export interface BuildPlace {
  root: string;
  distDir: string;
}

const HERE: BuildPlace = { root: ROOT, distDir: DIST_DIR };

function run(args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void, root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      log(output);
      reject(new Error(`next ${args.join(" ")} exited with ${code}`));
    });
  });
}

/**
 * `next build` into .next-bench. Next rewrites tsconfig.json (adding the dist folder's types to
 * `include`) and next-env.d.ts (pointing at the dist folder) for whatever distDir it builds; both
 * are put back afterwards, so the project's typecheck keeps following the usual .next.
 */
export async function buildNext(log: (line: string) => void, place: BuildPlace = HERE): Promise<void> {
  const tsconfigPath = path.join(place.root, "tsconfig.json");
  const nextEnvPath = path.join(place.root, "next-env.d.ts");
  const nextEnv = existsSync(nextEnvPath) ? readFileSync(nextEnvPath, "utf8") : null;
  try {
    // A copy (a variant without proxy.ts) skips Next's type check: its sources are the working
    // tree's, which the project's own build checks, and proxy.ts's test would not find proxy.ts.
    const skipTypecheck: Record<string, string> = place.root !== ROOT ? { GATEHOUSE_BUILD_SKIP_TYPECHECK: "1" } : {};
    await run(["build"], baseEnv({ GATEHOUSE_SECRET: BENCH_SECRET, GATEHOUSE_NEXT_DIST_DIR: place.distDir, ...skipTypecheck }), log, place.root);
  } finally {
    const tsconfig = readFileSync(tsconfigPath, "utf8");
    const restored = tsconfig.replace(/,\s*"\.next-bench[^"/]*\/(dev\/)?types\/\*\*\/\*\.ts"/g, "");
    if (restored !== tsconfig) writeFileSync(tsconfigPath, restored);
    if (nextEnv !== null) writeFileSync(nextEnvPath, nextEnv);
  }
}

/** The first port from `from` that 127.0.0.1 can listen on: others may be running servers too. */
export async function findFreePort(from: number, to = from + 99): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`bench: no free port in ${from}-${to}`);
}

export interface NextServer {
  origin: string;
  stop(): Promise<void>;
  /** The server's process, whose CPU time the HTTP cases read (bench/process-cpu.ts). */
  pid?: number;
}

/** `next start` on `port` (which must be free), not yet waited for. */
export function spawnNext(options: { port: number; databaseUrl: string; env?: Record<string, string>; place?: BuildPlace }): {
  origin: string;
  stop(graceMs?: number): Promise<void>;
  child: ChildProcess;
  output: () => string;
} {
  const origin = `http://127.0.0.1:${options.port}`;
  const place = options.place ?? HERE;
  const env = baseEnv({
    DATABASE_URL: options.databaseUrl,
    GATEHOUSE_SECRET: BENCH_SECRET,
    GATEHOUSE_APP_ORIGIN: origin,
    LOG_LEVEL: "warn",
    ...options.env,
    GATEHOUSE_NEXT_DIST_DIR: place.distDir,
  });
  const nextBin = path.join(place.root, "node_modules", "next", "dist", "bin", "next");
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(options.port)], {
    cwd: place.root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output = (output + d).slice(-4000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  /** `graceMs` 0 kills at once (a cold-start probe has nothing in flight to finish). */
  const stop = async (graceMs = 5000) => {
    if (child.exitCode === null && child.signalCode === null) {
      // Next's graceful shutdown waits for idle keep-alive connections, hence the deadline.
      child.kill(graceMs > 0 ? "SIGTERM" : "SIGKILL");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }
  };
  return { origin, stop, child, output: () => output };
}

export async function startNext(options: {
  port: number;
  databaseUrl: string;
  log: (line: string) => void;
  env?: Record<string, string>;
  place?: BuildPlace;
}): Promise<NextServer> {
  const port = await findFreePort(options.port);
  const { origin, stop, child, output } = spawnNext({ port, databaseUrl: options.databaseUrl, env: options.env, place: options.place });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, stop, pid: child.pid };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  options.log(output());
  throw new Error(`next start on port ${port} did not answer /api/health`);
}
