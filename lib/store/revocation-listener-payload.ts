/**
 * The NOTIFY payload of a revocation: a JSON array of `[sessionHandle, revokedAtMs,
 * expiresAtMs]` triples. PostgreSQL caps a payload below 8000 bytes, so a long list (a user
 * with many sessions signed out everywhere) goes out as several payloads.
 */
import type { RevocationRow } from "../auth/ports/revocation-store";
import { isStorableTime } from "../auth/storable-time";

/** The channel every instance LISTENs on. */
export const REVOCATION_CHANNEL = "gatehouse_revocations";

/** Under PostgreSQL's 8000-byte limit, with room for the channel name. */
const MAX_PAYLOAD_BYTES = 7000;

export function encodeRevocationPayloads(rows: RevocationRow[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const item = JSON.stringify([row.sessionHandle, row.revokedAt.getTime(), row.expiresAt.getTime()]);
    const size = Buffer.byteLength(item) + 1;
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(`[${current.join(",")}]`);
      current = [];
      bytes = 2;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) payloads.push(`[${current.join(",")}]`);
  return payloads;
}

/**
 * The rows of a payload; anything malformed is dropped, never thrown. Any database user may
 * NOTIFY on the channel, so the shape is checked; what a forged payload could do (refuse some
 * sessions' access tokens) is less than what such a user can do to the sessions table itself.
 */
export function decodeRevocationPayload(payload: string): RevocationRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const rows: RevocationRow[] = [];
  for (const item of parsed) {
    if (!Array.isArray(item) || item.length !== 3) continue;
    const [sessionHandle, revokedAt, expiresAt] = item as unknown[];
    if (typeof sessionHandle !== "string" || sessionHandle.length === 0 || sessionHandle.length > 191) continue;
    // Instants our own encoder could have sent: a number past a Date's range made an Invalid
    // Date, whose NaN stopped the revocation set's syncs (its watermark) until a restart.
    if (!isStorableTime(revokedAt as number) || !isStorableTime(expiresAt as number)) continue;
    rows.push({ sessionHandle, revokedAt: new Date(revokedAt as number), expiresAt: new Date(expiresAt as number) });
  }
  return rows;
}
