/**
 * A PostgreSQL server that accepts the TCP connection and then says nothing (a hung server, a
 * firewall that swallows packets after the handshake, a proxy whose upstream is gone). pg's pool
 * waits for such a connection, and for a free one when the pool is full, without end unless it
 * is given a timeout; the request must instead end in a 503 once `connect_timeout` has passed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { createAuthClient, credentials } from "./testing/client";
import { createSilentServer, within } from "../testing/silent-peer";

describe("a PostgreSQL server that accepts connections and never answers", () => {
  const silent = createSilentServer();
  let port = 0;
  const urls: string[] = [];

  beforeAll(async () => {
    port = await silent.listen();
    process.env.GATEHOUSE_REVOCATION_LISTENER = "off";
  });
  afterEach(() => {
    delete process.env.DATABASE_POOL_SIZE;
  });
  afterAll(async () => {
    delete process.env.GATEHOUSE_REVOCATION_LISTENER;
    for (const url of urls) await disconnectPrismaClient(url).catch(() => undefined);
    await silent.close();
  });

  it("answers sign-in with 503 SERVICE_UNAVAILABLE once connect_timeout has passed, queued requests too", async () => {
    // A pool of one: the first request's connection attempt fills it, the second waits for it.
    process.env.DATABASE_POOL_SIZE = "1";
    const url = `postgresql://gatehouse@127.0.0.1:${port}/silent?connect_timeout=1`;
    urls.push(url);
    const { ctx } = createTestEngine({}, { stores: createPrismaStores(url) });
    const client = createAuthClient(ctx);
    // With connect_timeout=1 the two answers take about 2 s. Without a bound pg would wait on the
    // silent server until the hang guard gave up.
    const answers = await within(
      Promise.all(
        ["a@example.com", "b@example.com"].map((email) => client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })),
      ),
    );
    expect(answers).not.toBe("still waiting");
    for (const response of answers as Response[]) {
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "SERVICE_UNAVAILABLE" });
    }
  });
});
