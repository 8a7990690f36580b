/**
 * Shared rate limits on a Redis that connected, passed its ready check, and then stopped
 * answering (a stalled server, a long blocking command, a network path that drops packets): the
 * client stays "ready" and sends every command, and without a bound each request that counts a
 * limit waited for an answer that never came. A fake Redis on an ephemeral port stands for it.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineContext } from "../auth/context";
import type { EngineLog } from "../auth/log";
import { resolveConfig } from "../auth/resolve-config";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "../http/testing/client";
import { createRateLimitStore } from "./prisma-rate-limit-store";
import { createSilentServer, within } from "../testing/silent-peer";

/** Reads RESP commands (arrays of bulk strings) off a buffer; returns them and what is left. */
function readCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let offset = 0;
  for (;;) {
    const text = buffer.subarray(offset).toString("latin1");
    const header = /^\*(\d+)\r\n/.exec(text);
    if (!header) break;
    let at = header[0].length;
    const parts: string[] = [];
    for (let i = 0; i < Number(header[1]); i++) {
      const bulk = /^\$(\d+)\r\n/.exec(text.slice(at));
      if (!bulk || text.length < at + bulk[0].length + Number(bulk[1]) + 2) return { commands, rest: buffer.subarray(offset) };
      at += bulk[0].length;
      parts.push(text.slice(at, at + Number(bulk[1])));
      at += Number(bulk[1]) + 2;
    }
    commands.push(parts);
    offset += at;
  }
  return { commands, rest: buffer.subarray(offset) };
}

/** Answers like a Redis until `silent` is set, then reads every command and answers none. */
function createStallingRedis() {
  const state = { silent: false, unanswered: 0 };
  const server = createSilentServer((socket) => {
    let pending: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      const { commands, rest } = readCommands(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const [name] of commands) {
        if (state.silent) {
          state.unanswered++;
          continue;
        }
        const info = "# Server\r\nredis_version:7.2.0\r\nloading:0\r\n";
        if (name?.toUpperCase() === "INFO") socket.write(`$${info.length}\r\n${info}\r\n`);
        else if (name?.toUpperCase() === "PING") socket.write("+PONG\r\n");
        else socket.write("+OK\r\n");
      }
    });
  });
  return { state, listen: server.listen, close: server.close };
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

describe("rate limits on a Redis that stops answering", () => {
  const redis = createStallingRedis();
  let client: Redis;

  beforeAll(async () => {
    const port = await redis.listen();
    // The documented client options: no offline queue, one retry per request.
    client = new Redis({ port, host: "127.0.0.1", enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on("error", () => {});
    await new Promise((resolve) => client.once("ready", resolve));
    expect(await client.ping()).toBe("PONG");
    redis.state.silent = true;
  });
  afterAll(async () => {
    client.disconnect();
    await redis.close();
  });

  it("counts in memory after rateLimits.store.timeoutMs, logs it, and answers", async () => {
    const log = capturingLog();
    const config = resolveConfig({
      appOrigin: "http://localhost:3000",
      trustedProxy: { hops: 1 },
      rateLimits: { store: { redis: client, timeoutMs: 200 }, emailExistsPerIp: { points: 1, durationSeconds: 60 } },
    });
    const ctx = createEngineContext({
      config,
      stores: createMemoryStores(),
      rateLimitStore: createRateLimitStore(config.rateLimits.store),
      secret: TEST_SECRET,
      log,
    });
    const http = createAuthClient(ctx);
    const ip = { "x-forwarded-for": "198.51.100.11" };
    const exists = () => http.send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: ip });

    const statuses = await within(Promise.all([exists(), exists()]).then((rs) => rs.map((r) => r.status).sort()));
    // The limit still holds, counted in this instance's memory.
    expect(statuses).toEqual([200, 429]);
    const signIn = await within(http.send("POST", "/api/auth/signin", { body: credentials("nobody@example.com", "fixture-pw-1") }));
    expect(signIn).not.toBe("still waiting");
    expect((signIn as Response).status).toBe(200);
    expect(redis.state.unanswered).toBeGreaterThan(0);
    expect(log.warnings.filter((w) => w.event === "rate_limits.store_failed")).toEqual([expect.objectContaining({ store: "redis" })]);
  });
});
