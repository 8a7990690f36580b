"use client";

import { useLocalDate } from "./local-date";

/**
 * A date (with `withTime`, and its time of day) in the reader's time zone, for a server component:
 * written there, it was the server process's zone, with no name to say so (useLocalDate).
 */
export function LocalDateText({ ms, locale, withTime = false }: { ms: number; locale: string | undefined; withTime?: boolean }) {
  return useLocalDate(locale, withTime)(ms);
}
