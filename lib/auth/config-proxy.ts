/**
 * Which forwarding headers the app may believe: the deployer's `trustedProxy` option, checked
 * and parsed once at start-up (re-exported by config.ts). lib/http/client-address.ts applies it.
 */
import { BlockList, isIP } from "node:net";
import type { ConfigEnv } from "./config-env";
import { GatehouseError } from "./errors";

/**
 * The proxies in front of the app, which decide what the client's address is. Rate limits,
 * the audit log and the session list all use that address (docs/security.md, "Behind a proxy").
 *
 * - `"none"`: no forwarding header is believed. `next start` keeps an `X-Forwarded-For` that the
 *   client sent itself, so without a declared proxy any client could choose its address; the
 *   address is then unknown (limits that need one fall back to their shared counts).
 * - `{ hops: n }`: `n` proxies in front, each appending the address it saw to `X-Forwarded-For`
 *   (nginx's `$proxy_add_x_forwarded_for`, Caddy, most load balancers). The n-th entry from the
 *   right is the client; whatever the client wrote itself stays to the left of it.
 * - `{ cidrs: [...] }`: the proxies' addresses or networks. `X-Forwarded-For` is walked from the
 *   right past every entry inside them; the first one outside is the client.
 * - `"vercel"`: Vercel's edge overwrites `X-Forwarded-For` with the address it saw.
 *
 * The app's own port must only be reachable through the declared proxies: a client that reaches
 * it directly can write any header.
 * @default "vercel" when `VERCEL` is set in the environment (Vercel sets it), else "none"
 * @example trustedProxy: { hops: 1 } // one nginx or Caddy in front
 * @example trustedProxy: { cidrs: ["10.0.0.0/8", "fd00::/8"] } // a load balancer's private range
 */
export type TrustedProxyOption = "none" | "vercel" | { hops: number } | { cidrs: string[] };

/** The option, parsed: CIDRs in a BlockList so that each request only looks addresses up. */
export type ResolvedTrustedProxy =
  { kind: "none" } | { kind: "vercel" } | { kind: "hops"; hops: number } | { kind: "cidrs"; cidrs: string[]; list: BlockList };

const invalid = (message: string) => new GatehouseError("CONFIG_INVALID", `trustedProxy: ${message}`);

/** Refuses what would silently trust the wrong hop: a hop count below 1, a malformed CIDR. */
export function resolveTrustedProxy(option: TrustedProxyOption | undefined, env: ConfigEnv): ResolvedTrustedProxy {
  // Vercel's own environment variable: read here, where the config meets the environment.
  if (option === undefined) return env.VERCEL ? { kind: "vercel" } : { kind: "none" };
  if (option === "none" || option === "vercel") return { kind: option };
  if (typeof option === "object" && option !== null && "hops" in option) {
    if (!Number.isInteger(option.hops) || option.hops < 1) throw invalid(`hops must be a whole number ≥ 1, got ${JSON.stringify(option.hops)}`);
    return { kind: "hops", hops: option.hops };
  }
  if (typeof option === "object" && option !== null && "cidrs" in option && Array.isArray(option.cidrs)) {
    if (option.cidrs.length === 0) throw invalid(`cidrs is empty: list the proxies' addresses, or use "none"`);
    const list = new BlockList();
    for (const cidr of option.cidrs) addCidr(list, cidr);
    return { kind: "cidrs", cidrs: [...option.cidrs], list };
  }
  throw invalid(`expected "none", "vercel", { hops: n } or { cidrs: [...] }, got ${JSON.stringify(option)}`);
}

/** "10.0.0.0/8", "fd00::/8", or a single address ("192.0.2.7"), parsed by node:net. */
function addCidr(list: BlockList, cidr: unknown): void {
  if (typeof cidr !== "string") throw invalid(`not a CIDR: ${JSON.stringify(cidr)}`);
  const slash = cidr.indexOf("/");
  const network = (slash === -1 ? cidr : cidr.slice(0, slash)).trim();
  const family = isIP(network);
  if (family === 0) throw invalid(`not an IP address or CIDR: "${cidr}"`);
  const type = family === 4 ? "ipv4" : "ipv6";
  if (network.includes("%")) throw invalid(`a zone index has no place in "${cidr}"`);
  if (slash === -1) return list.addAddress(network, type);
  const prefixText = cidr.slice(slash + 1).trim();
  const prefix = Number(prefixText);
  if (prefixText === "" || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    throw invalid(`bad prefix length in "${cidr}" (0–${family === 4 ? 32 : 128})`);
  }
  list.addSubnet(network, prefix, type);
}
