/**
 * A PostgreSQL server that stops answering in the middle of a session (a hung disk, a paused VM,
 * a network path that swallows packets): the pool's connection stays open, so no connect timeout
 * applies, and pg waits for the query's answer without end unless it has a query timeout. The
 * request must instead answer 503 once `query_timeout` has passed. PostgreSQL is reached through
 * a loopback proxy on an ephemeral port that the test freezes (it stops forwarding, closes nothing).
 */
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { createAuthClient, credentials } from "./testing/client";

function createFreezingProxy(target: { host: string; port: number }) {
  const pairs: [net.Socket, net.Socket][] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) socket.on("error", () => socket.destroy());
    client.pipe(upstream).pipe(client);
    pairs.push([client, upstream]);
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port))),
    freeze() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) for (const socket of pair) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** The outcome, or "still waiting" once `ms` of real time have passed. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | "still waiting"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"still waiting">((resolve) => (timer = realSetTimeout(() => resolve("still waiting"), ms)));
  return Promise.race([work, late]).finally(() => realClearTimeout(timer));
}

describe("a PostgreSQL server that stops answering mid-session", () => {
  let db: TestDatabase;
  const proxies: ReturnType<typeof createFreezingProxy>[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    process.env.GATEHOUSE_REVOCATION_LISTENER = "off";
    db = await createTestDatabase("postgresql");
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    delete process.env.GATEHOUSE_REVOCATION_LISTENER;
    for (const proxy of proxies) await proxy.close();
    for (const url of urls) await disconnectPrismaClient(url).catch(() => undefined);
    await db?.drop();
  });

  async function frozenAfterSignUp(query: string) {
    const proxy = createFreezingProxy({ host: "127.0.0.1", port: Number(new URL(db.url).port || 5432) });
    proxies.push(proxy);
    const url = new URL(db.url);
    url.host = `127.0.0.1:${await proxy.listen()}`;
    const full = `${url.toString()}${url.search ? "&" : "?"}${query}`.replace(/[?&]$/, "");
    urls.push(full);
    const { ctx } = createTestEngine({}, { stores: createPrismaStores(full) });
    const client = createAuthClient(ctx);
    const email = `frozen-${urls.length}@example.com`;
    expect((await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
    proxy.freeze();
    return () => client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") });
  }

  it("answers 503 SERVICE_UNAVAILABLE after query_timeout", async () => {
    const signIn = await frozenAfterSignUp("query_timeout=500");
    const answer = await within(signIn(), 5_000);
    expect(answer).not.toBe("still waiting");
    expect((answer as Response).status).toBe(503);
    expect(await (answer as Response).json()).toMatchObject({ status: "SERVICE_UNAVAILABLE" });
  });

  it("has a bound without one in the URL: 30 s", async () => {
    const signIn = await frozenAfterSignUp("");
    // Only setTimeout is faked, from here: the connection and the first queries ran on real time.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const pending = signIn();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(await within(pending, 200)).toBe("still waiting");
    await vi.advanceTimersByTimeAsync(1_500);
    const answer = await within(pending, 5_000);
    expect(answer).not.toBe("still waiting");
    expect((answer as Response).status).toBe(503);
  });

  it("query_timeout=0 turns the bound off rather than failing every query at once", async () => {
    const signIn = await frozenAfterSignUp("query_timeout=0");
    expect(await within(signIn(), 1_500)).toBe("still waiting");
  });
});
