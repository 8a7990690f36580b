/**
 * The source database of an import behind a server that accepts the TCP connection and never
 * answers (a hung server, a firewall that swallows packets): pg waited for it without end, so
 * `gatehouse users import` hung with no word. It must fail within the URL's `connect_timeout`
 * (10 s when unset, as for the app's own connections).
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openForeignDatabase } from "./foreign-database";

describe("an import source on a PostgreSQL server that never answers", () => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  let port = 0;
  beforeAll(async () => {
    port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("fails with the connection timeout instead of waiting without end", async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stillWaiting = new Promise<"still waiting">((resolve) => (timer = setTimeout(() => resolve("still waiting"), 5_000)));
    const opened = openForeignDatabase(`postgresql://import@127.0.0.1:${port}/legacy?connect_timeout=1`).then(
      () => "connected",
      (error: Error) => error.message,
    );
    const outcome = await Promise.race([opened, stillWaiting]).finally(() => clearTimeout(timer));
    expect(outcome).toMatch(/timeout/i);
  });
});
