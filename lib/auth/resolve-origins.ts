/** The app origin and the trusted origins of the deployer's config, checked once at start-up. */
import { GatehouseError } from "./errors";

export function normaliseOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GatehouseError("CONFIG_INVALID", `Not an origin (GATEHOUSE_APP_ORIGIN or trustedOrigins): "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new GatehouseError("CONFIG_INVALID", `An origin must be http(s), got "${raw}"`);
  }
  // Dropped in silence, a path would have moved every email link and the issuer off the address
  // the deployer wrote; credentials are not echoed into the start-up log.
  if (url.username || url.password) {
    throw new GatehouseError("CONFIG_INVALID", `An origin has no credentials (GATEHOUSE_APP_ORIGIN, appOrigin or trustedOrigins): ${url.origin}`);
  }
  if (url.pathname !== "/" || url.search || url.hash) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `An origin is scheme://host[:port] only, no path, query or fragment (GATEHOUSE_APP_ORIGIN, appOrigin or trustedOrigins), got "${raw}"`,
    );
  }
  return url.origin;
}

/** `trustedOrigins`, each normalised; anything but a list is named, not a TypeError. */
export function resolveTrustedOrigins(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new GatehouseError("CONFIG_INVALID", `trustedOrigins must be a list of origins, got ${JSON.stringify(value)}`);
  return value.map(normaliseOrigin);
}

/**
 * Without a configured origin: port 3000 on localhost, or in development the port `next dev`
 * actually serves (it moves to 3001 by itself when 3000 is busy), so that email links lead back
 * to the running dev server.
 */
export function defaultAppOrigin(development: boolean, port: string | undefined): string {
  return development && port && /^\d{1,5}$/.test(port) ? `http://localhost:${port}` : "http://localhost:3000";
}
