/** The session cookies' names and Domain, checked at start-up: a cookie browsers would not keep signs nobody in. */
import type { ResolvedConfig } from "./config";
import { GatehouseError } from "./errors";

/**
 * The longest cookie browsers keep, its name, `=` and value together (RFC 6265 §6.1's minimum,
 * Chromium's and Firefox's limit).
 */
export const BROWSER_COOKIE_BYTES = 4096;

/** RFC 6265 token characters only: a name that needs quoting would be read differently by browsers. */
export function cookieName(name: string, value: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/.test(value)) {
    throw new GatehouseError("CONFIG_INVALID", `${name} is not a valid cookie name: "${value}"`);
  }
  return value;
}

/** A prefixed name browsers would refuse to store is a configuration error, not a silent sign-out. */
export function checkCookiePrefixRules(session: ResolvedConfig["session"]): void {
  const { accessTokenCookieName: access, refreshTokenCookieName: refresh, cookieSecure, cookieDomain } = session;
  if (!cookieSecure && [access, refresh].some((name) => /^__(Host|Secure)-/.test(name))) {
    throw new GatehouseError("CONFIG_INVALID", "__Host- and __Secure- cookie names need secure cookies (an https origin)");
  }
  if (access.startsWith("__Host-") && cookieDomain)
    throw new GatehouseError("CONFIG_INVALID", "a __Host- cookie name cannot be used with cookieDomain");
  if (refresh.startsWith("__Host-"))
    throw new GatehouseError("CONFIG_INVALID", "refreshTokenCookieName cannot be __Host-: the refresh cookie's Path is not /");
}

/** A cookie Domain: a host name, optionally with a leading dot, nothing that could end the attribute. */
export function checkedCookieDomain(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return value;
  if (!/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(value)) {
    throw new GatehouseError("CONFIG_INVALID", `session.${name} is not a domain name: "${value}"`);
  }
  return value;
}

/**
 * Browsers keep a cookie only when its Domain domain-matches the host that set it (RFC 6265
 * §5.3 step 6): the app origin's host itself or a parent of it. Any other domain signed nobody in.
 */
export function checkCookieDomainMatchesOrigin(cookieDomain: string | undefined, appOrigin: string): void {
  if (!cookieDomain) return;
  const domain = cookieDomain.replace(/^\./, "").toLowerCase();
  const host = new URL(appOrigin).hostname.toLowerCase();
  if (host !== domain && !host.endsWith(`.${domain}`)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `session.cookieDomain "${cookieDomain}" does not cover the app origin's host "${host}": browsers would drop every session cookie (set GATEHOUSE_APP_ORIGIN, or a cookieDomain that is that host or a parent of it)`,
    );
  }
}

/** `name` with `prefix`, unless the deployer already chose a prefixed name. */
export function prefixedCookieName(prefix: string, name: string): string {
  return /^__(Host|Secure)-/.test(name) ? name : `${prefix}${name}`;
}
