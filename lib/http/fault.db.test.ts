/**
 * Fault behaviour: PostgreSQL reached through a TCP proxy that the test closes and reopens.
 * With the database gone, access tokens still verify (no database call), while refresh and
 * sign-in answer 503 and touch no cookie; once it is back, the same refresh token works.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { getSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { createAuthClient, credentials } from "./testing/client";

/** A loopback TCP proxy to PostgreSQL that can drop every connection and refuse new ones. */
function createProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (server) server.close(() => resolve());
      else resolve();
    });
  return { open, close, port: () => port };
}

describe("database outage (PostgreSQL behind a proxy)", () => {
  let db: TestDatabase;
  const proxy = createProxy({ host: "127.0.0.1", port: 5432 });
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    await proxy.open();
    const parsed = new URL(db.url);
    parsed.host = `127.0.0.1:${proxy.port()}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    await disconnectPrismaClient(url).catch(() => undefined);
    await proxy.close();
    await db?.drop();
  });

  it("verifies tokens, answers 503 without touching cookies, and recovers", async () => {
    const { ctx } = createTestEngine({}, { stores: createPrismaStores(url) });
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/auth/signup", { body: credentials("outage@example.com", "fixture-pw-1") });
    expect(up.status).toBe(200);
    const access = client.jar.get("sAccessToken")!.value;
    const refresh = client.jar.get("sRefreshToken")!.value;

    await proxy.close();
    expect((await getSession(ctx, { accessToken: access })).status).toBe("OK");
    for (const [method, path, body] of [
      ["POST", "/api/auth/session/refresh", undefined],
      ["POST", "/api/auth/signin", credentials("outage@example.com", "fixture-pw-1")],
      ["POST", "/api/auth/signup", credentials("other@example.com", "fixture-pw-1")],
    ] as const) {
      const response = await client.send(method, path, { body });
      expect(response.status, path).toBe(503);
      expect(await response.json()).toMatchObject({ status: "SERVICE_UNAVAILABLE" });
      expect(response.headers.getSetCookie(), path).toEqual([]);
      expect(response.headers.get("front-token"), path).toBeNull();
    }
    expect((await getSession(ctx, { accessToken: access, checkDatabase: true }).catch((e) => e)).code).toBe("STORE_FAILED");

    await proxy.open();
    const recovered = await client.send("POST", "/api/auth/session/refresh", {
      headers: { cookie: `sRefreshToken=${refresh}` },
      cookies: false,
    });
    expect(recovered.status).toBe(200);
  });
});
