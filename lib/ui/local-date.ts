import { useHydrated } from "./hydrated";

/**
 * Writes a date (ms since the epoch) for `locale` in the browser's time zone, but as the UTC date
 * in the server's HTML and while React hydrates it: the server process's zone is not the
 * reader's, and a date written in it differed from the browser's first render whenever the two
 * zones were on different days (a hydration error, and the server's day until React re-rendered).
 * The browser's own day replaces it right after hydration.
 */
export function useLocalDate(locale: string | undefined): (ms: number) => string {
  const hydrated = useHydrated();
  return (ms) => new Date(ms).toLocaleDateString(locale, hydrated ? undefined : { timeZone: "UTC" });
}
