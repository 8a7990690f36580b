/**
 * The instants every supported database stores and compares: MySQL/MariaDB's DATETIME holds the
 * years 1000 to 9999, the narrowest of the three. Every time the engine makes itself is within
 * them; one from outside comes from input (a forged pagination cursor, an API key's expiry asked
 * for in thousands of years) and is refused before it reaches a query: PostgreSQL fails a
 * statement on years it cannot hold (a 503 "store failed" for what is bad input), or stores years
 * past 9999 and reads them back as invalid dates; MariaDB refuses them; the others answer a page
 * that means nothing.
 */
import { GatehouseError } from "./errors";

export const EARLIEST_STORABLE_MS = Date.UTC(1000, 0, 1);
export const LATEST_STORABLE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The longest lifetime the config may set (100 years): any expiry the engine computes from one
 * then stays storable for millennia, where thousands of years made dates past 9999 (or past what
 * a Date holds) at the first sign-in or refresh. Anything longer means "forever" anyway.
 */
export const MAX_LIFETIME_SECONDS = 100 * 365 * 24 * 60 * 60;

/** A configured lifetime (`name`, in seconds, already checked positive), refused past MAX_LIFETIME_SECONDS. */
export function checkedLifetime(name: string, seconds: number): number {
  if (seconds > MAX_LIFETIME_SECONDS) {
    throw new GatehouseError("CONFIG_INVALID", `${name} must be at most ${MAX_LIFETIME_SECONDS} seconds (100 years), got ${seconds}`);
  }
  return seconds;
}

/** Whether `ms` (since the epoch) is an instant every database can hold. */
export function isStorableTime(ms: number): boolean {
  return Number.isInteger(ms) && ms >= EARLIEST_STORABLE_MS && ms <= LATEST_STORABLE_MS;
}
