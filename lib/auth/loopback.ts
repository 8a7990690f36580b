/**
 * Hosts only this machine reaches (`localhost`, `127.0.0.1`, `[::1]`, as URL.hostname writes
 * them): where plain http carries nothing over a network, so the dev server's own origin, a local
 * test provider and a production build tried out locally may use it.
 */
const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname);
}
