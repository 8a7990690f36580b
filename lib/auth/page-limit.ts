/**
 * The page size of a paged read (the user list, a role's users), from what the caller asked:
 * whole numbers from 1 to `max`, larger and smaller ones clamped, and a value that is no number
 * (`Number("abc")`, from a query string) read as absent. Without that, NaN reached the query,
 * and Prisma refuses a `take` that is not an integer: the read failed as a store outage.
 */
export function pageLimit(limit: number | undefined, page: { defaultSize: number; max: number }): number {
  if (limit === undefined || Number.isNaN(limit)) return page.defaultSize;
  return Math.min(Math.max(Math.trunc(limit), 1), page.max);
}
