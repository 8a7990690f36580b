/**
 * The id half of a pagination cursor (users, audit events, a role's users). A cursor is opaque
 * but forgeable (an admin, or anyone holding a key), and its id goes into the page's query.
 * One holding U+0000 names no stored row (no database stores one: PostgreSQL cannot, and every
 * write path refuses it), and PostgreSQL refuses it in a comparison: the admin API answered 503
 * "temporarily unavailable" with a store failure in the log, where a bad token is a 400.
 */

/** Whether `id`, decoded from a cursor, can be one a previous page ended on: 1–191 characters, no U+0000. */
export function isCursorId(id: string): boolean {
  return id.length >= 1 && id.length <= 191 && !id.includes("\0");
}
