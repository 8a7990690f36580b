/**
 * Shared rate limits in the `rate_limits` table on SQLite, PostgreSQL and MariaDB. Two engine
 * contexts on two Prisma clients of their own stand for two instances of the app.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createEngineContext, type EngineContext } from "../auth/context";
import type { EngineLog } from "../auth/log";
import { resolveConfig } from "../auth/resolve-config";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { consumeRateLimit, peekRateLimit, resetRateLimit } from "../auth/limits/rate-limit";
import { createAuthClient, credentials } from "../http/testing/client";
import { openPrismaClient, type GatehousePrismaClient } from ".";
import { createPrismaStoresOn } from ".";
import { createPrismaRateLimitStore } from "./prisma-rate-limit-store";
import { storedRateLimitKey } from "./rate-limit-store-key";
import { describeOnEachDatabase } from "./testing/each-database";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A log that keeps its warnings: a store failure would show here (and silently count per instance). */
function capturingLog(): EngineLog & { warnings: object[] } {
  const warnings: object[] = [];
  const log: EngineLog & { warnings: object[] } = {
    warnings,
    debug: () => {},
    info: () => {},
    warn: (fields) => void warnings.push(fields),
    error: (fields) => void warnings.push(fields),
    child: () => log,
  };
  return log;
}

describeOnEachDatabase((provider, url) => {
  let clients: GatehousePrismaClient[] = [];

  beforeAll(async () => {
    clients = [await openPrismaClient(url()), await openPrismaClient(url())];
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
  });

  function instance(client: GatehousePrismaClient, config: GatehouseConfig = {}, sweepIntervalMs?: number) {
    const log = capturingLog();
    const source = async () => client;
    const ctx: EngineContext = createEngineContext({
      config: resolveConfig({ appOrigin: "http://localhost:3000", ...config, rateLimits: { store: "database", ...config.rateLimits } }),
      stores: createPrismaStoresOn(source),
      rateLimitStore: createPrismaRateLimitStore(source, { sweepIntervalMs }),
      secret: TEST_SECRET,
      log,
    });
    return { ctx, log };
  }

  it(`${provider}: a sign-in failure limit reached through one instance applies on the other, and ends with its window`, async () => {
    // A 4 s window: three argon2id verifications on a loaded machine must fit in it before B checks.
    const config: GatehouseConfig = { rateLimits: { signInFailuresPerAccount: { points: 3, durationSeconds: 4 } } };
    const a = instance(clients[0], config);
    const b = instance(clients[1], config);
    const email = `rl-${randomUUID()}@example.com`;
    const viaA = createAuthClient(a.ctx);
    const viaB = createAuthClient(b.ctx);
    expect((await viaA.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const failed = await viaA.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") });
      expect((await failed.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
    }
    const limited = await viaB.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The real user signs in once the window is over, through either instance.
    await sleep(4100);
    expect((await viaB.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
    // The lock itself is a security event, logged once as a warning (auth.account_locked) by the
    // instance whose failure filled the limit; nothing else, and no count taken in memory.
    const warnings = [...a.log.warnings, ...b.log.warnings];
    expect(warnings.filter((w) => !("event" in w && w.event === "auth.account_locked"))).toEqual([]);
    expect(a.log.warnings).toEqual([expect.objectContaining({ event: "auth.account_locked", count: 3 })]);
  });

  it(`${provider}: parallel consumes of one key through both instances count exactly`, async () => {
    const a = instance(clients[0]);
    const b = instance(clients[1]);
    const limit = { points: 25, durationSeconds: 60 };
    const key = `parallel-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => consumeRateLimit(i % 2 ? a.ctx : b.ctx, "parallel", limit, key)));
    // Exactly `points` requests get through, whichever instance they reached.
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results.filter((r) => !r.ok)).toHaveLength(15);
    // Every allowed request saw its own count: 1..25, each once.
    const seen = results.flatMap((r) => (r.ok ? [r.consumedPoints] : [])).sort((x, y) => x - y);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const state = await a.ctx.rateLimiters.limiterFor("parallel", limit).get(key);
    expect(state?.consumedPoints).toBe(40);
    // None of this was answered by the in-memory insurance.
    expect([...a.log.warnings, ...b.log.warnings]).toEqual([]);

    // A second key, all of it at once from a fresh start: no lost first insert.
    const fresh = `parallel-${randomUUID()}`;
    await Promise.all(Array.from({ length: 12 }, (_, i) => consumeRateLimit(i % 2 ? a.ctx : b.ctx, "parallel", limit, fresh)));
    expect((await b.ctx.rateLimiters.limiterFor("parallel", limit).get(fresh))?.consumedPoints).toBe(12);
    expect([...a.log.warnings, ...b.log.warnings]).toEqual([]);
  });

  it(`${provider}: a 255-character email is stored hashed, fits the key column, and is shared`, async () => {
    const a = instance(clients[0]);
    const b = instance(clients[1]);
    const email = `${"x".repeat(243 - 36)}${randomUUID()}@example.com`;
    expect(email).toHaveLength(255);
    const limit = { points: 2, durationSeconds: 60 };
    const name = "signInFailuresPerAccount";
    expect((await consumeRateLimit(a.ctx, name, limit, email)).ok).toBe(true);
    expect((await consumeRateLimit(b.ctx, name, limit, email)).ok).toBe(true);
    expect(await peekRateLimit(a.ctx, name, limit, email)).toMatchObject({ ok: false });
    const stored = storedRateLimitKey(name, `${name}:${email}`);
    const row = await clients[0].rateLimit.findUnique({ where: { key: stored } });
    expect(row?.points).toBe(2);
    expect(stored.length).toBeLessThanOrEqual(191);
    expect(stored.startsWith(`${name}:`)).toBe(true);
    // The table never holds the email itself.
    expect(await clients[0].rateLimit.count({ where: { key: { contains: "example.com" } } })).toBe(0);
    // A reset through one instance clears it for the other.
    await resetRateLimit(b.ctx, name, limit, email);
    expect(await peekRateLimit(a.ctx, name, limit, email)).toEqual({ ok: true, consumedPoints: 0 });
    expect([...a.log.warnings, ...b.log.warnings]).toEqual([]);
  });

  it(`${provider}: a window ends, and expired rows are swept by a later request`, async () => {
    const a = instance(clients[0]);
    const sweeper = instance(clients[1], {}, 0);
    const limit = { points: 1, durationSeconds: 1 };
    const key = `expiry-${randomUUID()}`;
    expect((await consumeRateLimit(a.ctx, "expiry", limit, key)).ok).toBe(true);
    expect((await consumeRateLimit(a.ctx, "expiry", limit, key)).ok).toBe(false);
    const stored = storedRateLimitKey("expiry", `expiry:${key}`);
    expect(await clients[0].rateLimit.count({ where: { key: stored } })).toBe(1);
    await sleep(1100);
    // Another key's request on the other instance sweeps the ended window's row.
    await consumeRateLimit(sweeper.ctx, "other", { points: 5, durationSeconds: 60 }, randomUUID());
    expect(await clients[0].rateLimit.count({ where: { key: stored } })).toBe(0);
    // And the key counts from zero again.
    expect(await consumeRateLimit(a.ctx, "expiry", limit, key)).toEqual({ ok: true, consumedPoints: 1 });
    expect([...a.log.warnings, ...sweeper.log.warnings]).toEqual([]);
  });

  it(`${provider}: a point given back after its window ended makes no room in the next one`, async () => {
    const a = instance(clients[0]);
    const limit = { points: 2, durationSeconds: 1 };
    const key = `refund-${randomUUID()}`;
    expect((await consumeRateLimit(a.ctx, "refund", limit, key)).ok).toBe(true);
    await sleep(1100);
    // Straight to the store, past the engine's look: the window ended between a count and its give-back.
    await a.ctx.rateLimiters.limiterFor("refund", limit).reward(key, 1);
    expect(await consumeRateLimit(a.ctx, "refund", limit, key)).toEqual({ ok: true, consumedPoints: 1 });
    expect(a.log.warnings).toEqual([]);
  });
});
