/**
 * The database rate-limit store when the database fails: the in-memory insurance limiter
 * answers instead, so limits still hold on this instance, no request fails, and the log says so
 * (once per interval, not once per request).
 */
import { randomUUID } from "node:crypto";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { expect, it } from "vitest";
import { createEngineContext } from "../auth/context";
import type { EngineLog } from "../auth/log";
import { resolveConfig } from "../auth/resolve-config";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "../http/testing/client";
import type { GatehousePrismaClient } from "./prisma-client";
import { createPrismaRateLimitStore } from "./prisma-rate-limit-store";

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const log: EngineLog = {
    debug: () => {},
    info: () => {},
    warn: (fields) => void lines.push({ level: "warn", ...fields }),
    error: (fields) => void lines.push({ level: "error", ...fields }),
    child: () => log,
  };
  return { log, lines };
}

it("with the database down, limits fall back to this instance's memory: 429s still come, never a 5xx, one log line", async () => {
  const { log, lines } = capturingLog();
  let calls = 0;
  const downDatabase = async (): Promise<GatehousePrismaClient> => {
    calls++;
    throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
  };
  const ctx = createEngineContext({
    config: resolveConfig({
      appOrigin: "http://localhost:3000",
      // One proxy in front, so that the X-Forwarded-For below is the client's address.
      trustedProxy: { hops: 1 },
      rateLimits: {
        store: "database",
        signInFailuresPerAccount: { points: 3, durationSeconds: 60 },
        emailExistsPerIp: { points: 2, durationSeconds: 60 },
      },
    }),
    stores: createMemoryStores(),
    rateLimitStore: createPrismaRateLimitStore(downDatabase),
    secret: TEST_SECRET,
    log,
  });
  expect(ctx.rateLimiters.kind).toBe("database");
  const client = createAuthClient(ctx);
  const email = `rl-${randomUUID()}@example.com`;
  expect((await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);

  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await client.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") })).status);
  statuses.push((await client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status);
  expect(statuses).toEqual([200, 200, 200, 429]);

  const ip = { "x-forwarded-for": "203.0.113.50" };
  const exists = () => client.send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: ip });
  expect([(await exists()).status, (await exists()).status, (await exists()).status]).toEqual([200, 200, 429]);

  // The store was really tried (and failed) each time; the log got one line, not one per request.
  expect(calls).toBeGreaterThanOrEqual(7);
  const failures = lines.filter((line) => line.event === "rate_limits.store_failed");
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatchObject({ level: "warn", store: "database", error: expect.stringContaining("ECONNREFUSED") });
});

it("a store failing on one operation only (a rejected query) is covered the same way", async () => {
  const { log, lines } = capturingLog();
  const failingClient = {
    rateLimit: {
      findFirst: async () => null,
      deleteMany: async () => ({ count: 0 }),
      upsert: async () => {
        throw Object.assign(new Error("Lock wait timeout exceeded"), { name: "PrismaClientKnownRequestError", code: "P1008" });
      },
    },
  } as unknown as GatehousePrismaClient;
  const ctx = createEngineContext({
    config: resolveConfig({
      appOrigin: "http://localhost:3000",
      trustedProxy: { hops: 1 },
      rateLimits: { store: "database", refreshPerIp: { points: 1, durationSeconds: 60 } },
    }),
    stores: createMemoryStores(),
    rateLimitStore: createPrismaRateLimitStore(async () => failingClient),
    secret: TEST_SECRET,
    log,
  });
  const client = createAuthClient(ctx);
  const ip = { "x-forwarded-for": "203.0.113.51" };
  const refresh = () => client.send("POST", "/api/auth/session/refresh", { headers: ip });
  const first = (await refresh()).status;
  expect(first).not.toBe(429);
  expect(first).toBeLessThan(500);
  expect((await refresh()).status).toBe(429);
  expect(lines.filter((line) => line.event === "rate_limits.store_failed")).toHaveLength(1);
});

it("a sweep of expired rows that loses a race (a MariaDB deadlock) is no store failure; any other sweep failure is", async () => {
  const sweepFailing = (error: Error) => {
    let points = 0;
    const client = {
      rateLimit: {
        findFirst: async () => null,
        // The library's own removal names a key; the sweep of every expired row does not.
        deleteMany: async (args: { where: { key?: string } }) => {
          if (args.where.key === undefined) throw error;
          return { count: 0 };
        },
        upsert: async ({ where }: { where: { key: string } }) => ({ key: where.key, points: ++points, expire: new Date(Date.now() + 60_000) }),
      },
    } as unknown as GatehousePrismaClient;
    const failures: unknown[] = [];
    const store = createPrismaRateLimitStore(async () => client);
    // The insurance would answer only if the count failed; here it never may.
    const insurance = new RateLimiterMemory({ points: 1, duration: 60 });
    const limiter = store.createLimiter({
      keyPrefix: "sweep",
      points: 5,
      duration: 60,
      insuranceLimiter: insurance,
      onStoreError: (failure) => failures.push(failure),
    });
    return { limiter, failures };
  };
  const known = (message: string, code: string) => Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code });

  const deadlocked = sweepFailing(known("Transaction failed due to a write conflict or a deadlock", "P2034"));
  // Counted in the database both times, and nothing reported.
  expect((await deadlocked.limiter.consume("k")).consumedPoints).toBe(1);
  expect((await deadlocked.limiter.consume("k")).consumedPoints).toBe(2);
  expect(deadlocked.failures).toEqual([]);

  const unreachable = sweepFailing(known("Can't reach database server", "P1001"));
  expect((await unreachable.limiter.consume("k")).consumedPoints).toBe(1);
  expect(unreachable.failures).toEqual([expect.objectContaining({ code: "P1001" })]);
});
