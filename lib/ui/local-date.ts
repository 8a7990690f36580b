import { useHydrated } from "./hydrated";

/**
 * Writes a date (ms since the epoch) for `locale` in the browser's time zone, but as the UTC date
 * in the server's HTML and while React hydrates it: the server process's zone is not the
 * reader's, and a date written in it differed from the browser's first render whenever the two
 * zones were on different days (a hydration error, and the server's day until React re-rendered).
 * The browser's own day replaces it right after hydration. `withTime` writes the time of day too.
 */
export function useLocalDate(locale: string | undefined, withTime = false): (ms: number) => string {
  const hydrated = useHydrated();
  const zone = hydrated ? undefined : { timeZone: "UTC" };
  return (ms) => (withTime ? new Date(ms).toLocaleString(locale, zone) : new Date(ms).toLocaleDateString(locale, zone));
}
