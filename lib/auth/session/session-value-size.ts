/**
 * How large a session's JSON may be, checked before it is written, so that the limit is the same
 * on every database and a value over it fails at the deployer's call, naming what to change.
 *
 * - Session data (setSessionData, updateSessionData) is capped at MAX_SESSION_DATA_BYTES. Without
 *   a cap the databases' own limits decided, differently: MySQL/MariaDB refuse a statement over
 *   `max_allowed_packet` (16 MiB by default on MariaDB) and a MEDIUMTEXT over 16 MiB, while
 *   SQLite and PostgreSQL take up to 1 GB. The refusal surfaced as STORE_FAILED, a 503 that
 *   clients retry, on one database only.
 * - The payload (setJwtPayload, mergeIntoAccessTokenPayload) goes into every access token, whose
 *   cap is `session.maxAccessTokenBytes`, lower for a token issued in a cookie (access-token-cap.ts;
 *   access-token.ts checks it at each mint). A payload that alone encodes past that cap can never
 *   be minted: stored, it would fail every later refresh of the session. It is refused before it
 *   is stored.
 */
import { GatehouseError } from "../errors";
import { withoutEngineRecords } from "../organizations/tenant-entry";
import type { AccessTokenCap } from "./access-token-cap";
import { assertJsonObject } from "./json-value";

/** The largest session data a session keeps: 1 MiB of JSON (UTF-8). */
export const MAX_SESSION_DATA_BYTES = 1024 * 1024;

const jsonBytes = (value: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(value), "utf8");

/**
 * Throws SESSION_DATA_TOO_LARGE when `data` is over MAX_SESSION_DATA_BYTES as JSON, and
 * VALUE_NOT_JSON when it holds a value JSON cannot carry (json-value.ts).
 */
export function assertSessionDataFits(data: Record<string, unknown>): void {
  assertJsonObject(data, "session data (setSessionData, updateSessionData)");
  const bytes = jsonBytes(data);
  if (bytes > MAX_SESSION_DATA_BYTES) {
    throw new GatehouseError(
      "SESSION_DATA_TOO_LARGE",
      `session data of ${bytes} bytes (as JSON) is over the ${MAX_SESSION_DATA_BYTES} a session keeps (setSessionData, updateSessionData): keep large data in a table of your own, keyed by the user or the session handle`,
    );
  }
}

/** Both checks, for a new session: nothing is written when either fails. */
export function assertNewSessionFits(sessionData: Record<string, unknown>, jwtPayload: Record<string, unknown>, cap: AccessTokenCap): void {
  assertSessionDataFits(sessionData);
  assertPayloadCanBeMinted(jwtPayload, cap);
}

/**
 * Throws CONFIG_INVALID, as a mint over the cap does, when the payload's part that goes into the
 * token (the engine's records stay in the row) is, base64url-encoded alone, longer than the cap
 * (access-token-cap.ts): every token carrying it is longer still. A payload under this bound can
 * still make a token over the cap with the claims added; the mint refuses that one. Throws
 * VALUE_NOT_JSON first for a value JSON cannot carry (json-value.ts).
 */
export function assertPayloadCanBeMinted(jwtPayload: Record<string, unknown>, cap: AccessTokenCap): void {
  assertJsonObject(jwtPayload, "the access-token payload (setJwtPayload, mergeIntoAccessTokenPayload)");
  const encoded = Math.ceil((jsonBytes(withoutEngineRecords(jwtPayload)) * 4) / 3);
  if (encoded > cap.bytes) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `an access-token payload of ${encoded} bytes once encoded is over ${cap.named} (${cap.bytes}), ${cap.why}: make the payload smaller (setJwtPayload, mergeIntoAccessTokenPayload) ${cap.remedy}`,
    );
  }
}
