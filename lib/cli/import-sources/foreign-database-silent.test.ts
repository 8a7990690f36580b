/**
 * The source database of an import behind a server that accepts the TCP connection and never
 * answers (a hung server, a firewall that swallows packets): pg waited for it without end, so
 * `gatehouse users import` hung with no word. It must fail within the URL's `connect_timeout`
 * (10 s when unset, as for the app's own connections), or on MySQL/MariaDB its `connectTimeout`.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openForeignDatabase } from "./foreign-database";

describe("an import source on a database server that never answers", () => {
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

  /** The error `url` fails to open with, or "still waiting" after 5 s. */
  async function outcomeOf(url: string): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stillWaiting = new Promise<"still waiting">((resolve) => (timer = setTimeout(() => resolve("still waiting"), 5_000)));
    const opened = openForeignDatabase(url).then(
      () => "connected",
      (error: Error) => error.message,
    );
    return Promise.race([opened, stillWaiting]).finally(() => clearTimeout(timer));
  }

  it("fails with the connection timeout instead of waiting without end", async () => {
    expect(await outcomeOf(`postgresql://import@127.0.0.1:${port}/legacy?connect_timeout=1`)).toMatch(/timeout/i);
  });

  // On MySQL/MariaDB the source got 10 s whatever its URL said, though docs/mysql.md has the
  // URL's connectTimeout (ms) win, as it does for the migrator.
  it("on MySQL/MariaDB, fails within the URL's connectTimeout", async () => {
    expect(await outcomeOf(`mysql://import@127.0.0.1:${port}/legacy?connectTimeout=500`)).toMatch(/timeout/i);
  });
});
