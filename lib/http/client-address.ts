import { isIP } from "node:net";
import type { ClientInfo } from "../auth/client-info";
import type { ResolvedTrustedProxy } from "../auth/config-proxy";
import type { EngineContext } from "../auth/context";

/**
 * Who sent the request: its address by the rule below and its user agent as sent. Worked out
 * once per request (routes.ts) and passed to the engine, whose limits count by it, to the audit
 * events and to a new session (the user's session list), so that none of them shows an address
 * the client chose itself.
 */
export function requestClient(ctx: Pick<EngineContext, "config">, request: Request): ClientInfo {
  return { userAgent: request.headers.get("user-agent"), ip: clientAddress(request, ctx.config.trustedProxy) };
}

/**
 * The client's address: the one rule that rate limits, the audit log and the session list all
 * use, applying the deployer's `trustedProxy` (lib/auth/config-proxy.ts). null when unknown.
 *
 * Spoofing: every entry of X-Forwarded-For left of the hops that the declared proxies appended
 * was written by the client, so the left-most entry is never taken. A bare `next start` fills
 * the header from the socket only when the client sent none (Next's base-server assigns it with
 * `??=`), so without a declared proxy no forwarding header can be believed at all. X-Real-IP is
 * never read: nothing says who set it.
 */
export function clientAddress(request: Request, proxy: ResolvedTrustedProxy): string | null {
  if (proxy.kind === "none") return null;
  const hops = forwardedHops(request);
  switch (proxy.kind) {
    case "vercel":
      // Vercel's edge overwrites the header with the one address it saw; should a list ever
      // arrive, the right-most entry is the one nearest to Vercel.
      return hops.length > 0 ? normaliseAddress(hops[hops.length - 1]) : null;
    case "hops": {
      // Fewer entries than proxies: the request did not come through all of them.
      const entry = hops[hops.length - proxy.hops];
      return entry === undefined ? null : normaliseAddress(entry);
    }
    case "cidrs":
      for (let i = hops.length - 1; i >= 0; i--) {
        const address = normaliseAddress(hops[i]);
        // Junk where a trusted proxy wrote an address: nothing further left can be vouched for.
        if (address === null) return null;
        if (!proxy.list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6")) return address;
      }
      // Only trusted hops: no proxy vouched for an outside client.
      return null;
  }
}

/** X-Forwarded-For's entries, oldest first (repeated header lines are joined in order). */
function forwardedHops(request: Request): string[] {
  const header = request.headers.get("x-forwarded-for");
  return header === null ? [] : header.split(",");
}

/**
 * One spelling per address, so that one client has one rate-limit key: IPv6 lower-cased and
 * compressed (by the URL parser), an IPv4-mapped IPv6 address (a dual-stack socket's way of
 * writing an IPv4 client) as IPv4, a port that some proxies append dropped. Anything that is not
 * an IP address (junk, "unknown", an obfuscated name, a zone index) is null.
 */
export function normaliseAddress(raw: string): string | null {
  let text = raw.trim();
  if (text.startsWith("[")) {
    // "[2001:db8::1]:443" or "[2001:db8::1]"
    const end = text.indexOf("]");
    if (end === -1 || !isPortSuffix(text.slice(end + 1))) return null;
    text = text.slice(1, end);
  } else if (text.indexOf(":") !== -1 && text.indexOf(":") === text.lastIndexOf(":")) {
    // "203.0.113.7:5100": one colon is an IPv4 address with a port, never IPv6.
    const colon = text.indexOf(":");
    if (isIP(text.slice(0, colon)) !== 4 || !isPortSuffix(text.slice(colon))) return null;
    text = text.slice(0, colon);
  }
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6 || text.includes("%")) return null;
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  if (canonical.startsWith("::ffff:")) {
    const groups = canonical.slice("::ffff:".length).split(":");
    if (groups.length === 2) {
      const [high, low] = groups.map((g) => Number.parseInt(g, 16));
      return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
    }
  }
  return canonical;
}

/** "" or ":<1–5 digits>". */
function isPortSuffix(text: string): boolean {
  if (text === "") return true;
  if (!text.startsWith(":") || text.length < 2 || text.length > 6) return false;
  return [...text.slice(1)].every((c) => c >= "0" && c <= "9");
}
