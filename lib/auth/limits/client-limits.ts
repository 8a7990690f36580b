import { isIP } from "node:net";
import type { RateLimitOptions } from "../config";
import type { ClientInfo } from "../client-info";
import type { EngineContext } from "../context";
import { limitAttempt, type TooManyAttempts } from "./rate-limit";

/** The limits counted per client address. */
export type ClientLimit = "signInPerIp" | "signUpPerIp" | "emailExistsPerIp" | "refreshPerIp";

/**
 * What limits count a client by: an IPv4 address as it is, an IPv6 address by its /64. One
 * subscriber gets a whole /64 and its hosts pick any address in it at will (privacy addresses),
 * so counting single IPv6 addresses would hand one machine 2^64 fresh keys.
 */
export function limitKeyOf(address: string): string {
  if (isIP(address) !== 6) return address;
  // `address` is normalised (one "::" at most, hex groups only): expand it, keep four groups.
  const [head, tail] = address.split("::");
  const groups = tail === undefined ? head.split(":") : [...(head ? head.split(":") : []), ...(tail ? tail.split(":") : [])];
  if (tail !== undefined) groups.splice(head ? head.split(":").length : 0, 0, ...Array(8 - groups.length).fill("0"));
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/**
 * The key limits count `client` by, else undefined. A loopback address is an address like any
 * other: it only reaches the engine when a declared proxy vouched for it.
 */
export function clientLimitKey(client: ClientInfo | undefined): string | undefined {
  return client?.ip ? limitKeyOf(client.ip) : undefined;
}

/**
 * Counts an attempt against a per-client limit; TOO_MANY_ATTEMPTS past it, else null. Without a
 * known address nothing is counted here: one bucket shared by every client would let any one of
 * them deny sign-up and refresh to everyone. Sign-in does not depend on it: the per-account
 * counts (then shared by all clients) and the budget over all clients hold whatever the address
 * (sign-in-limits.ts).
 */
export async function limitClient(ctx: EngineContext, name: ClientLimit, client: ClientInfo | undefined): Promise<TooManyAttempts | null> {
  return limitClientWith(ctx, name, ctx.config.rateLimits[name] as RateLimitOptions, client);
}

/** `limitClient` for a limit configured outside `rateLimits` (a recipe's own), counted under `name`. */
export async function limitClientWith(
  ctx: EngineContext,
  name: string,
  options: RateLimitOptions,
  client: ClientInfo | undefined,
): Promise<TooManyAttempts | null> {
  const key = clientLimitKey(client);
  if (!ctx.config.rateLimits.enabled || !key) return null;
  return limitAttempt(ctx, name, options, key);
}
