/**
 * A MySQL/MariaDB connection opened on its own, outside the app's pool, had the connector's
 * 1 s to open: the migrator's, and the test tools' admin connection. On a loaded host the
 * server's greeting can come later (a CI run failed to create a test database that way, with
 * the e2e build and browser on the same two cores). Through a proxy that holds every
 * connection back for 1.5 s, both must still connect.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { devMysqlUrl, withDatabase } from "../../scripts/db/dev-servers.mjs";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { rawQuery } from "./testing/raw-query.mjs";

const HOLD_MS = 1_500;

/** Forwards each connection to `target` once `holdMs` have passed, as a slow handshake would. */
function createSlowProxy(target: URL, holdMs: number) {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  };
  const server = net.createServer((client) => {
    track(client);
    setTimeout(() => {
      if (client.destroyed) return;
      const upstream = net.connect(Number(target.port || 3306), target.hostname);
      track(upstream);
      client.pipe(upstream).pipe(client);
      upstream.on("close", () => client.destroy());
      client.on("close", () => upstream.destroy());
    }, holdMs);
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `url` with its host and port swapped for the proxy's. */
function throughProxy(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(port);
  return u.toString();
}

describe("MySQL/MariaDB connections opened outside the pool, on a server slow to greet", () => {
  const proxy = createSlowProxy(new URL(devMysqlUrl()), HOLD_MS);
  let port = 0;
  const made: TestDatabase[] = [];
  beforeAll(async () => {
    port = await proxy.listen();
  });
  afterAll(async () => {
    await proxy.close();
    for (const db of made) await db.drop();
  });

  it("the migrator connects and migrates", async () => {
    const db = await createTestDatabase("mysql", { migrate: false });
    made.push(db);
    await migrate(throughProxy(db.url, port), { log: () => {} });
    const [row] = await rawQuery(db.url, "SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    expect(Number(row.n)).toBeGreaterThan(0);
  });

  it("the test tools create and drop a database through their admin connection", async () => {
    const catalog = withDatabase(devMysqlUrl(), "information_schema");
    const saved = process.env.GATEHOUSE_DEV_MYSQL_URL;
    process.env.GATEHOUSE_DEV_MYSQL_URL = throughProxy(devMysqlUrl(), port);
    try {
      const db = await createTestDatabase("mysql", { migrate: false });
      made.push(db);
      const [before] = await rawQuery(catalog, `SELECT COUNT(*) AS n FROM SCHEMATA WHERE SCHEMA_NAME = '${db.name}'`);
      await dropTestDatabase(db.url);
      const [after] = await rawQuery(catalog, `SELECT COUNT(*) AS n FROM SCHEMATA WHERE SCHEMA_NAME = '${db.name}'`);
      expect([Number(before.n), Number(after.n)]).toEqual([1, 0]);
    } finally {
      if (saved === undefined) delete process.env.GATEHOUSE_DEV_MYSQL_URL;
      else process.env.GATEHOUSE_DEV_MYSQL_URL = saved;
    }
  });
});
