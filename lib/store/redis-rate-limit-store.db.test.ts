/**
 * Shared rate limits in Redis: a real redis-server started by this test on a free loopback
 * port (`redis-server` must be installed: .ci/run installs it), two ioredis clients standing for
 * two instances of the app.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineContext, type EngineContext } from "../auth/context";
import type { EngineLog } from "../auth/log";
import { resolveConfig } from "../auth/resolve-config";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { consumeRateLimit, peekRateLimit } from "../auth/limits/rate-limit";
import { createAuthClient, credentials } from "../http/testing/client";
import { createRateLimitStore } from "./prisma-rate-limit-store";
import { storedRateLimitKey } from "./rate-limit-store-key";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function capturingLog(): EngineLog & { warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const log: EngineLog & { warnings: Record<string, unknown>[] } = {
    warnings,
    debug: () => {},
    info: () => {},
    warn: (fields) => void warnings.push(fields as Record<string, unknown>),
    error: (fields) => void warnings.push(fields as Record<string, unknown>),
    child: () => log,
  };
  return log;
}

describe("redis", () => {
  let server: ChildProcess;
  let port: number;
  const clients: Redis[] = [];

  beforeAll(async () => {
    port = await freePort();
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {}); // refused until the server listens: retried below
    for (let i = 0; ; i++) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch (error) {
        if (i > 100) throw error;
        await sleep(100);
      }
    }
    probe.disconnect();
    for (let i = 0; i < 2; i++) {
      const client = new Redis({ port, host: "127.0.0.1", maxRetriesPerRequest: 1 });
      await client.ping();
      clients.push(client);
    }
  });
  afterAll(() => {
    for (const client of clients) client.disconnect();
    server?.kill("SIGKILL");
  });

  function instance(client: Redis, rateLimits: object = {}) {
    const log = capturingLog();
    const config = resolveConfig({
      appOrigin: "http://localhost:3000",
      trustedProxy: { hops: 1 },
      rateLimits: { store: { redis: client }, ...rateLimits },
    });
    const ctx: EngineContext = createEngineContext({
      config,
      stores: createMemoryStores(),
      rateLimitStore: createRateLimitStore(config.rateLimits.store),
      secret: TEST_SECRET,
      log,
    });
    return { ctx, log };
  }

  it("a per-IP limit reached through one instance applies on the other", async () => {
    const a = instance(clients[0], { emailExistsPerIp: { points: 2, durationSeconds: 60 } });
    const b = instance(clients[1], { emailExistsPerIp: { points: 2, durationSeconds: 60 } });
    expect(a.ctx.rateLimiters.kind).toBe("redis");
    const ip = { "x-forwarded-for": "198.51.100.9" };
    const exists = (ctx: EngineContext) =>
      createAuthClient(ctx).send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: ip });
    expect([(await exists(a.ctx)).status, (await exists(b.ctx)).status, (await exists(a.ctx)).status, (await exists(b.ctx)).status]).toEqual([
      200, 200, 429, 429,
    ]);
    expect([...a.log.warnings, ...b.log.warnings]).toEqual([]);
  });

  it("parallel consumes through both instances count exactly; keys are hashed; windows end", async () => {
    const a = instance(clients[0]);
    const b = instance(clients[1]);
    const limit = { points: 25, durationSeconds: 1 };
    const email = `${"x".repeat(243 - 36)}${randomUUID()}@example.com`;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => consumeRateLimit(i % 2 ? a.ctx : b.ctx, "parallel", limit, email)));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    const stored = storedRateLimitKey("parallel", `parallel:${email}`);
    expect(await clients[0].get(stored)).toBe("40");
    expect(await clients[0].keys("*example.com*")).toEqual([]);
    await sleep(1100);
    expect(await peekRateLimit(b.ctx, "parallel", limit, email)).toEqual({ ok: true, consumedPoints: 0 });
    expect([...a.log.warnings, ...b.log.warnings]).toEqual([]);
  });

  it("the progressive delay works on Redis too (whole seconds, never a block without expiry)", async () => {
    const a = instance(clients[0], { signInFailureDelay: { firstDelaySeconds: 0.5, maxDelaySeconds: 1 } });
    const b = instance(clients[1], { signInFailureDelay: { firstDelaySeconds: 0.5, maxDelaySeconds: 1 } });
    const email = `rl-${randomUUID()}@example.com`;
    const viaA = createAuthClient(a.ctx);
    await viaA.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") });
    await viaA.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") });
    const held = await createAuthClient(b.ctx).send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") });
    expect(held.status).toBe(429);
    expect(held.headers.get("retry-after")).toBe("1");
    // Once the wait is over the real user signs in.
    await sleep(1100);
    expect((await viaA.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
  });

  it("with Redis gone, limits fall back to this instance's memory and the log says so once", async () => {
    const lone = new Redis({ port, host: "127.0.0.1", maxRetriesPerRequest: 0, retryStrategy: () => null });
    lone.on("error", () => {});
    await lone.ping();
    const a = instance(lone, { emailExistsPerIp: { points: 2, durationSeconds: 60 } });
    lone.disconnect();
    const ip = { "x-forwarded-for": "198.51.100.10" };
    const client = createAuthClient(a.ctx);
    const exists = () => client.send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: ip });
    expect([(await exists()).status, (await exists()).status, (await exists()).status]).toEqual([200, 200, 429]);
    // Counting, peeking and clearing an account's failures all answer from memory meanwhile.
    const email = `rl-${randomUUID()}@example.com`;
    await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") });
    expect((await client.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") })).status).toBe(200);
    expect((await client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
    const failures = a.log.warnings.filter((w) => w.event === "rate_limits.store_failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ store: "redis" });
  });
});
