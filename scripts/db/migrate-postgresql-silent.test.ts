/**
 * The migrator (`npm start`, `npm run db:migrate`) against a PostgreSQL server that accepts the
 * TCP connection and never answers: without a bound its connect waited forever, so the start
 * neither failed nor went on, and said nothing.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db-migrate.mjs";

describe("migrator and a silent server", () => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("gives up after the URL's connect_timeout with an error that says so", async () => {
    const opening = migrate(`postgresql://gatehouse@127.0.0.1:${port}/silent?connect_timeout=0.3`, { log: () => undefined });
    const outcome = await Promise.race([
      opening.then(
        () => "connected",
        (error: Error) => error.message,
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve("still waiting"), 5_000)),
    ]);
    expect(outcome).toMatch(/timeout/i);
  });

  it("refuses a connect_timeout that is not a number of seconds before connecting", async () => {
    await expect(migrate(`postgresql://gatehouse@127.0.0.1:${port}/silent?connect_timeout=soon`, { log: () => undefined })).rejects.toThrow(
      /connect_timeout/,
    );
  });
});
