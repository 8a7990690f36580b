import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as live } from "@/app/api/me/live/route";
import { revokeSession } from "@/lib/auth/session/session-revocation";
import { createTestEngine } from "@/lib/auth/testing/test-engine";
import { setGatehouse } from "@/lib/gatehouse";
import { handleAuthRequest } from "@/lib/http/routes";
import { oursBeyond } from "../bench/http-bench";
import { credentialsBody, load, RefreshPool, signInHeaders, signInOrUp } from "../bench/http-load";
import { processCpuMs } from "../bench/process-cpu";
import { passThroughProxySource } from "../bench/proxy-variants";
import { isMet, toMarkdown, toSvg, verdict, type Report } from "../bench/report";
import { parseOptions, parseSize } from "../bench/run";
import { runScaleBench } from "../bench/scale";
import { BENCH_PASSWORD } from "../bench/seed";
import { concurrentRate } from "../bench/stats";
import { runVerifyBench } from "../bench/verify";

/**
 * A smoke run of `npm run bench` with tiny counts: every benchmark's code path runs once, so a
 * change that breaks the benchmarks fails here. The figures are meaningless at these sizes and
 * nothing asserts a time.
 */
const quiet = () => {};

describe("bench smoke", () => {
  it("options: sizes and flags", () => {
    expect(parseSize("1m")).toBe(1_000_000);
    expect(parseSize("100k")).toBe(100_000);
    expect(parseSize("2500")).toBe(2500);
    expect(() => parseSize("lots")).toThrow();
    const options = parseOptions(["--scale=10k", "--only=verify,scale", "--no-build"], { DATABASE_URL: "postgresql://h/db" });
    expect(options.scaleUsers).toBe(10_000);
    expect([...options.only]).toEqual(["verify", "scale"]);
    expect(options.build).toBe(false);
    expect(options.postgresUrl).toBe("postgresql://h/db");
    expect(parseOptions([], {}).postgresUrl).toBeNull();
  });

  it("proxy variants: the pass-through proxy.ts keeps the project's matcher and does nothing else", () => {
    const real = readFileSync("proxy.ts", "utf8");
    const source = passThroughProxySource(real);
    expect(source).toContain(/^export const config = \{[\s\S]*?^\};$/m.exec(real)![0]);
    expect(source).toMatch(/export function proxy\(\): Response \{\n {2}return NextResponse\.next\(\);\n\}/);
    expect(source).not.toContain("createSessionProxy");
    expect(() => passThroughProxySource("export const proxy = () => null;")).toThrow(/config/);
  });

  it("proxy target: Gatehouse's share is named only when the page as built ran slower than the pass-through", () => {
    expect(oursBeyond(0.84)).toBe("Gatehouse's proxy beyond that (0.84× the pass-through)");
    expect(oursBeyond(1.2)).toMatch(/^no measurable cost of Gatehouse's proxy beyond that \(the page as built ran at 1\.20× the pass-through/);
  });

  it("in-process verification: every library's case runs and yields ratios", async () => {
    const section = await runVerifyBench({ rounds: 1, ms: 5, log: quiet });
    expect(section.rows.length).toBeGreaterThanOrEqual(12);
    for (const row of section.rows) expect(row.rate).toBeGreaterThan(0);
    for (const target of section.targets) expect(Number.isFinite(target.ratio)).toBe(true);
  }, 60_000);

  it("scale: seeds SQLite, then refresh, sign-in, session listing and user pagination succeed on both sizes", async () => {
    const section = await runScaleBench({ users: 1_200, rounds: 1, ms: 50, log: quiet });
    expect(section.rows.map((r) => r.name)).toContain("refresh @ 1.2k users");
    for (const row of section.rows) expect(row.failures, row.name).toBe(0);
    expect(section.targets).toHaveLength(4);
  }, 120_000);

  it.runIf(process.platform === "linux")("process CPU: another process's CPU time grows as it works", async () => {
    const busy = spawn(process.execPath, ["-e", "const end = Date.now() + 1500; while (Date.now() < end);"]);
    let exited = false;
    busy.once("exit", () => (exited = true));
    const first = processCpuMs(busy.pid)!;
    let last = first;
    while (!exited) {
      last = processCpuMs(busy.pid) ?? last;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(first).toBeGreaterThanOrEqual(0);
    expect(last).toBeGreaterThan(first);
    // Gone once reaped: nothing to read.
    expect(processCpuMs(busy.pid)).toBeUndefined();
    expect(processCpuMs(undefined)).toBeUndefined();
    const mine = processCpuMs(process.pid)!;
    // 50 ms of CPU time, whatever the wall time: /proc counts in clock ticks of 10 ms.
    burnCpu(50_000);
    expect(processCpuMs(process.pid)!).toBeGreaterThan(mine);
  });

  it("concurrent rate: CPU per call is counted", async () => {
    const sample = await concurrentRate(
      async () => {
        burnCpu(2000);
        return true;
      },
      2,
      60,
    );
    expect(sample.cpuRate).toBeGreaterThan(0);
    // Every call burns at least 2 ms of CPU, one call at a time: at most 500 per CPU-second.
    expect(sample.cpuRate!).toBeLessThanOrEqual(500);
  });

  it("report: Markdown table and SVG chart, verdicts say by how much", () => {
    const report: Report = {
      startedAt: new Date(0),
      seconds: 1,
      command: "npm run bench",
      machine: ["test"],
      settings: [],
      sections: [
        {
          id: "x",
          title: "X",
          rows: [{ name: "a <b>", rate: 1234.5, unit: "ops/s", reference: "b", ratio: 0.9 }],
          targets: [
            { label: "a ÷ b", ratio: 0.9, target: 1, whyMissed: "because" },
            { label: "cost", ratio: 1.1, target: 1.2, atMost: true },
          ],
          notes: ["n"],
        },
      ],
    };
    expect(verdict(report.sections[0].targets[0])).toBe("missed by 10%");
    expect(isMet(report.sections[0].targets[1])).toBe(true);
    const md = toMarkdown(report);
    expect(md).toContain("| a ÷ b | 0.90× | ≥ 1× | missed by 10% |");
    expect(md).toContain("because");
    const svg = toSvg(report);
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(svg).not.toContain("<b>");
  });
});

describe("bench HTTP load against the real route table", () => {
  let server: http.Server;
  let origin = "";
  let ctx: ReturnType<typeof createTestEngine>["ctx"];

  beforeAll(async () => {
    const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`${origin}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" ? undefined : Buffer.concat(chunks),
      });
      const response = req.url === "/api/health" ? health() : await handleAuthRequest(ctx, request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    };
    // A failed answer is a 500 the test sees, not an unhandled rejection.
    server = http.createServer((req, res) => {
      answer(req, res).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ctx = createTestEngine({ appOrigin: origin }).ctx;
    setGatehouse(ctx);
  });
  afterAll(async () => {
    setGatehouse(undefined);
    await new Promise((resolve) => server.close(resolve));
  });

  it("refresh chains rotate tokens without a single failure; sign-in and the bare route answer", async () => {
    const pool = new RefreshPool(origin, "smoke@bench.example", BENCH_PASSWORD);
    await pool.topUp(4);
    // A number of requests, not a second of them: on a loaded machine a second can answer none.
    const refresh = await load({ origin, path: "/api/auth/session/refresh", connections: 2, seconds: 1, amount: 6, requests: pool.requests() });
    expect(refresh.rate).toBeGreaterThan(0);
    expect(refresh.failures).toBe(0);
    const signIn = await load({
      origin,
      path: "/api/auth/signin",
      method: "POST",
      headers: signInHeaders(origin),
      body: credentialsBody("smoke@bench.example", BENCH_PASSWORD),
      connections: 2,
      seconds: 1,
      amount: 4,
      // The server runs in this process here.
      serverPid: process.pid,
    });
    expect(signIn.failures).toBe(0);
    if (process.platform === "linux") expect(signIn.cpuRate).toBeGreaterThan(0);
    const bare = await load({ origin, path: "/api/health", connections: 2, seconds: 1, amount: 20 });
    expect(bare.failures).toBe(0);
    expect(bare.cpuRate).toBeUndefined();
  }, 30_000);

  it("/api/me/live checks the database: a revoked session is refused at once", async () => {
    const { accessToken } = await signInOrUp(origin, "live@bench.example", BENCH_PASSWORD);
    const call = () => live(new Request(`${origin}/api/me/live`, { headers: { cookie: `sAccessToken=${accessToken}` } }), {});
    expect((await call()).status).toBe(200);
    const handle = JSON.parse(Buffer.from(accessToken.split(".")[1], "base64url").toString()).sessionHandle;
    await revokeSession(ctx, handle);
    expect((await call()).status).toBe(401);
  });
});

/**
 * Burns `micros` of the process's CPU time, not of wall time: on a busy machine a wall-clock loop
 * is preempted and burns less, which would let a bound on CPU per call fail.
 */
function burnCpu(micros: number): void {
  const start = process.cpuUsage();
  for (let used = process.cpuUsage(start); used.user + used.system < micros; used = process.cpuUsage(start));
}
