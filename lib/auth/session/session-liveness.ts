import type { SessionRow } from "../ports";

/**
 * Whether a session row is live at `now`: its sliding expiry and its absolute cap both after it.
 * An expired row may still be in the table (nothing deletes it on the dot), and every read by
 * handle answers for it as for a session that does not exist.
 */
export function isSessionLive(row: Pick<SessionRow, "expiresAt" | "absoluteExpiresAt">, now: Date): boolean {
  const at = now.getTime();
  return row.expiresAt.getTime() > at && row.absoluteExpiresAt.getTime() > at;
}
