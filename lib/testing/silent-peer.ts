/**
 * For tests of a peer that stops answering (a hung database, SMTP or Redis server, a firewall
 * that swallows packets after the handshake): a TCP server on an ephemeral loopback port, and a
 * guard against waiting on it forever.
 */
import net from "node:net";

/**
 * Accepts every connection and, unless `onSocket` writes, never sends a byte. `sockets` holds
 * the open ones; `close` destroys them, so no test waits on a connection it left open.
 */
export function createSilentServer(onSocket: (socket: net.Socket) => void = () => undefined) {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    onSocket(socket);
  });
  return {
    sockets,
    /** Connections accepted so far, closed ones included. */
    connections: () => connections,
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * How long a test waits before it calls the work hung: far past any timeout under test, so that
 * only a missing bound trips it, however loaded the machine. No test asserts an elapsed time.
 */
export const HANG_GUARD_MS = 30_000;

/** The work's outcome, or "still waiting" once `ms` have passed. */
export async function within<T>(work: Promise<T>, ms = HANG_GUARD_MS): Promise<T | "still waiting"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"still waiting">((resolve) => (timer = setTimeout(() => resolve("still waiting"), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
