/**
 * `npm run bench`: every benchmark in one run, then bench/results/latest.{md,svg,json}.
 *
 *   npm run bench                      defaults: all sections, scale 1M users (under 15 min)
 *   npm run bench -- --scale=100k      a smaller scale database (also 10k, 1m, or a number)
 *   npm run bench -- --only=verify,scale --rounds=3 --seconds=2 --no-build --postgres
 *
 * PostgreSQL: set DATABASE_URL to a PostgreSQL server (or pass --postgres for the local dev
 * server) and the refresh and sign-in section runs there too, in a scratch database that is
 * dropped afterwards. `next start` listens on 127.0.0.1, on the first free port from 3300.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../scripts/db-migrate.mjs";
import { E2E_CONFIG_OVERLAY } from "../lib/e2e-config-overlay";
import { runAuthFlowBench } from "./flows-bench";
import { runRouteBench, type HttpBenchOptions } from "./http-bench";
import { runColdStartBench } from "./cold-start";
import { buildNext, ROOT, startNext, type NextServer } from "./next-server";
import { buildProxyVariants, type ProxyVariants } from "./proxy-variants";
import { toMarkdown, toSvg, type Report, type Section } from "./report";
import { runScaleBench } from "./scale";
import { runVerifyBench } from "./verify";

const SECTIONS = ["verify", "routes", "flows", "coldstart", "scale"] as const;

export interface BenchOptions {
  only: Set<(typeof SECTIONS)[number]>;
  scaleUsers: number;
  /** Rounds for the in-process sections (cheap) and the HTTP ones (seconds each). */
  inProcessRounds: number;
  httpRounds: number;
  scaleRounds: number;
  coldStartRounds: number;
  verifyMs: number;
  scaleMs: number;
  seconds: number;
  connections: number;
  build: boolean;
  postgresUrl: string | null;
  port: number;
  outDir: string;
}

export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(value.trim());
  if (!match) throw new Error(`bench: --scale must look like 1m, 100k or 5000; got "${value}"`);
  return Math.round(Number(match[1]) * (match[2].toLowerCase() === "m" ? 1e6 : match[2].toLowerCase() === "k" ? 1e3 : 1));
}

export function parseOptions(argv: string[], env: Record<string, string | undefined> = process.env): BenchOptions {
  const flags = new Map(argv.map((a) => a.replace(/^--/, "").split("=") as [string, string?]).map(([k, v]) => [k, v ?? "true"]));
  const quick = flags.has("quick");
  const num = (name: string, fallback: number) => Number(flags.get(name) ?? fallback);
  const only = flags.get("only")?.split(",") ?? [...SECTIONS];
  for (const name of only) if (!SECTIONS.includes(name as never)) throw new Error(`bench: unknown section "${name}" (${SECTIONS.join(", ")})`);
  const dbUrl = env.DATABASE_URL ?? "";
  const postgresFlag = flags.get("postgres");
  return {
    only: new Set(only as (typeof SECTIONS)[number][]),
    scaleUsers: parseSize(flags.get("scale") ?? env.BENCH_SCALE ?? (quick ? "5k" : "1m")),
    // Many short rounds: this machine's load drifts within seconds, and a ratio is only as good
    // as the closeness in time of its two measurements.
    inProcessRounds: num("rounds", quick ? 1 : 25),
    httpRounds: num("rounds", quick ? 1 : 7),
    scaleRounds: num("rounds", quick ? 1 : 5),
    coldStartRounds: num("rounds", quick ? 1 : 5),
    verifyMs: quick ? 30 : 100,
    scaleMs: quick ? 200 : 1500,
    seconds: num("seconds", quick ? 1 : 3),
    connections: num("connections", 10),
    build: !flags.has("no-build"),
    postgresUrl: /^postgres(ql)?:/.test(dbUrl)
      ? dbUrl
      : postgresFlag === "true"
        ? "postgresql://postgres@127.0.0.1:5432/postgres"
        : (postgresFlag ?? null),
    port: num("port", 3300),
    outDir: path.resolve(ROOT, flags.get("out") ?? "bench/results"),
  };
}

function version(pkg: string): string {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}`,
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    ["next", "jose", "@prisma/client", "better-sqlite3", "@node-rs/argon2", "@auth/core", "iron-session", "better-auth", "autocannon"]
      .map((p) => `${p} ${version(p)}`)
      .join(", "),
  ];
}

async function section(name: string, log: (l: string) => void, fn: () => Promise<Section | Section[]>): Promise<Section[]> {
  const started = Date.now();
  try {
    const result = await fn();
    log(`${name}: done in ${Math.round((Date.now() - started) / 1000)} s`);
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    log(`${name}: FAILED: ${(error as Error).stack ?? error}`);
    return [{ id: name, title: name, rows: [], targets: [], notes: [], skipped: `failed: ${(error as Error).message}` }];
  }
}

/** Runs `fn` with the build without proxy.ts started on `databaseUrl` (undefined when it was not built). */
async function withBareServer<T>(
  variants: ProxyVariants | null,
  databaseUrl: string,
  http: HttpBenchOptions & { port: number },
  fn: (bare: NextServer | undefined) => Promise<T>,
): Promise<T> {
  if (!variants) return fn(undefined);
  const bare = await startNext({ port: http.port + 10, databaseUrl, log: http.log, place: { root: variants.root, distDir: variants.withoutProxy } });
  try {
    return await fn(bare);
  } finally {
    await bare.stop();
  }
}

/**
 * Runs `fn` with the same build started with EdDSA-signed access tokens, on a database of its own
 * in `dir` (a refresh rotates rows, so it must not share the other servers'). The setting goes in
 * through the config overlay the e2e server uses (lib/e2e-config-overlay.ts).
 */
async function withEddsaServer<T>(dir: string, http: HttpBenchOptions & { port: number }, fn: (eddsa: NextServer) => Promise<T>): Promise<T> {
  const databaseUrl = `file:${path.join(dir, "bench-eddsa.db")}`;
  await migrate(databaseUrl, { log: () => {} });
  const overlay = path.join(dir, "eddsa-config.json");
  writeFileSync(overlay, JSON.stringify({ session: { signingAlgorithm: "EdDSA" } }));
  const eddsa = await startNext({ port: http.port + 20, databaseUrl, log: http.log, env: { [E2E_CONFIG_OVERLAY]: overlay } });
  try {
    return await fn(eddsa);
  } finally {
    await eddsa.stop();
  }
}

/** The routes section, with the proxy variants started beside the server when they were built. */
async function routesWithVariants(
  server: NextServer,
  variants: ProxyVariants | null,
  databaseUrl: string,
  options: BenchOptions,
  http: HttpBenchOptions,
): Promise<Section> {
  if (!variants) return runRouteBench(server, http);
  const start = (distDir: string) => startNext({ port: options.port + 10, databaseUrl, log: http.log, place: { root: variants.root, distDir } });
  const withoutProxy = await start(variants.withoutProxy);
  try {
    const passThroughProxy = await start(variants.passThroughProxy);
    try {
      return await runRouteBench(server, http, { withoutProxy, passThroughProxy });
    } finally {
      await passThroughProxy.stop();
    }
  } finally {
    await withoutProxy.stop();
  }
}

async function httpSections(options: BenchOptions, log: (l: string) => void): Promise<Section[]> {
  const http = { rounds: options.httpRounds, seconds: options.seconds, connections: options.connections, log };
  if (options.build) {
    log("next build (into .next-bench) …");
    await buildNext(log);
  }
  // Without them the routes section still runs; it then says the proxy's cost was not measured.
  let variants: ProxyVariants | null = null;
  if (options.only.has("routes") || options.only.has("flows")) {
    try {
      variants = await buildProxyVariants({ build: options.build, log });
    } catch (error) {
      log(`proxy variants: FAILED: ${(error as Error).stack ?? error}`);
    }
  }
  const out: Section[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-http-"));
  try {
    const sqliteUrl = `file:${path.join(tmp, "bench.db")}`;
    await migrate(sqliteUrl, { log: () => {} });
    if (options.only.has("routes") || options.only.has("flows")) {
      const server = await startNext({ port: options.port, databaseUrl: sqliteUrl, log });
      try {
        if (options.only.has("routes"))
          out.push(...(await section("routes", log, () => routesWithVariants(server, variants, sqliteUrl, options, http))));
        if (options.only.has("flows")) {
          out.push(
            ...(await section("flows (SQLite)", log, () =>
              withBareServer(variants, sqliteUrl, { ...http, port: options.port }, (bare) =>
                withEddsaServer(tmp, { ...http, port: options.port }, (eddsa) => runAuthFlowBench(server, "SQLite", http, bare, eddsa)),
              ),
            )),
          );
        }
      } finally {
        await server.stop();
      }
    }
    if (options.only.has("coldstart")) {
      const coldStart = { databaseUrl: sqliteUrl, port: options.port, rounds: options.coldStartRounds, log };
      out.push(...(await section("cold start", log, () => runColdStartBench(coldStart))));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (options.only.has("flows") && options.postgresUrl) {
    out.push(
      ...(await section("flows (PostgreSQL)", log, async () => {
        // The scratch database is made (and dropped) on the given server by the test helper.
        process.env.GATEHOUSE_DEV_POSTGRES_URL = options.postgresUrl!;
        const { createTestDatabase } = await import("../scripts/test-db.mjs");
        const db = await createTestDatabase("postgresql");
        try {
          const server = await startNext({ port: options.port, databaseUrl: db.url, log });
          try {
            return await withBareServer(variants, db.url, { ...http, port: options.port }, (bare) =>
              runAuthFlowBench(server, "PostgreSQL", http, bare),
            );
          } finally {
            await server.stop();
          }
        } finally {
          await db.drop();
        }
      })),
    );
  }
  return out;
}

export async function runBench(options: BenchOptions, log: (l: string) => void = (l) => console.error(`[bench] ${l}`)): Promise<Report> {
  const startedAt = new Date();
  const sections: Section[] = [];
  if (options.only.has("verify")) {
    sections.push(...(await section("verify", log, () => runVerifyBench({ rounds: options.inProcessRounds, ms: options.verifyMs, log }))));
  }
  if (options.only.has("routes") || options.only.has("flows") || options.only.has("coldstart")) {
    sections.push(...(await section("http", log, () => httpSections(options, log))));
  }
  if (options.only.has("scale")) {
    sections.push(
      ...(await section("scale", log, () => runScaleBench({ users: options.scaleUsers, rounds: options.scaleRounds, ms: options.scaleMs, log }))),
    );
  }
  // Cold start runs with the HTTP sections (it needs the build) but is numbered last.
  sections.sort((a, b) => Number(a.id === "cold-start") - Number(b.id === "cold-start"));
  return {
    startedAt,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    command: ["npm run bench", ...process.argv.slice(2)].join(" "),
    machine: machine(),
    settings: [
      `verify: ${options.inProcessRounds} rounds × ${options.verifyMs} ms per case`,
      `HTTP: ${options.httpRounds} rounds × ${options.seconds} s per case, ${options.connections} connections`,
      `cold start: ${options.coldStartRounds} rounds, a new process per measurement`,
      `scale: ${options.scaleUsers.toLocaleString("en")} users, ${options.scaleRounds} rounds × ${options.scaleMs} ms per case`,
      options.postgresUrl ? "PostgreSQL: on" : "PostgreSQL: off (set DATABASE_URL to a PostgreSQL server)",
    ],
    sections,
  };
}

export function writeReport(report: Report, outDir: string): { md: string; svg: string } {
  mkdirSync(outDir, { recursive: true });
  const md = toMarkdown(report);
  writeFileSync(path.join(outDir, "latest.md"), md);
  writeFileSync(path.join(outDir, "latest.svg"), toSvg(report));
  writeFileSync(path.join(outDir, "latest.json"), JSON.stringify(report, null, 2));
  return { md, svg: path.join(outDir, "latest.svg") };
}

if (process.argv[1]?.endsWith("bench/run.ts")) {
  const options = parseOptions(process.argv.slice(2));
  const report = await runBench(options);
  const { md } = writeReport(report, options.outDir);
  console.log(md);
  console.error(`[bench] wrote ${path.relative(ROOT, options.outDir)}/latest.md, latest.svg and latest.json in ${Math.round(report.seconds)} s`);
  // Prisma and autocannon may hold handles open; the report is written, so end here.
  process.exit(0);
}
