import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import { isStorableTime } from "../storable-time";
import type { ApiKeyRow } from "../ports/api-key-store";

/**
 * API keys for the admin API (`Authorization: Bearer gh_…`), as SuperTokens' core has them: a
 * key is 256 random bits, shown once at creation and stored only as its sha256, with a name,
 * its creation and last-use times, an optional expiry, and revocation by a `revokedAt` stamp
 * (kept, so that `apikeys list` still shows what existed and when it stopped).
 */

/** Every key starts with this, so that it is recognisable in a leak scan and never taken for a JWT. */
export const API_KEY_PREFIX = "gh_";
/** 32 random bytes as base64url: 43 characters. */
const KEY_PATTERN = /^gh_[A-Za-z0-9_-]{43}$/;
/** Writing `lastUsedAt` on every call would turn each admin read into a write; a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

/** A key as operators see it: never the key or its hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const toInfo = ({ keyHash: _hash, ...info }: ApiKeyRow): ApiKeyInfo => info;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function isValidApiKeyName(name: string): boolean {
  return name.trim() === name && name.length >= 1 && name.length <= 255 && !/[\u0000-\u001f\u007f]/.test(name);
}

/** INVALID_EXPIRY_ERROR: an expiry that is not in the future, or past the year 9999. */
export type CreateApiKeyResult =
  { status: "OK"; key: string; apiKey: ApiKeyInfo } | { status: "INVALID_NAME_ERROR" } | { status: "INVALID_EXPIRY_ERROR" };

/** Makes a key. `key` is in the result only: it cannot be recovered later, only replaced. */
export async function createApiKey(ctx: EngineContext, input: { name: string; expiresAt?: Date | null }): Promise<CreateApiKeyResult> {
  if (!isValidApiKeyName(input.name)) return { status: "INVALID_NAME_ERROR" };
  const now = ctx.now();
  const expiresAt = input.expiresAt ?? null;
  // In the future, and a time every database holds (storable-time.ts): past the year 9999 MariaDB
  // refuses it, and PostgreSQL stores it and reads it back as an invalid date, after which listing
  // the keys fails.
  if (expiresAt && !(expiresAt.getTime() > now.getTime() && isStorableTime(expiresAt.getTime()))) return { status: "INVALID_EXPIRY_ERROR" };
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row: ApiKeyRow = {
    id: randomUUID(),
    name: input.name,
    keyHash: hashApiKey(key),
    createdAt: now,
    lastUsedAt: null,
    expiresAt,
    revokedAt: null,
  };
  await ctx.stores.apiKeys.createKey(row);
  logAuthEvent(ctx, "apikey.created", { apiKeyId: row.id, apiKeyName: row.name });
  return { status: "OK", key, apiKey: toInfo(row) };
}

export async function listApiKeys(ctx: EngineContext): Promise<ApiKeyInfo[]> {
  return (await ctx.stores.apiKeys.listKeys()).map(toInfo);
}

/** Revokes at once: the next request with the key is refused. */
export async function revokeApiKey(ctx: EngineContext, id: string): Promise<{ status: "OK"; didKeyExist: boolean }> {
  const revoked = await ctx.stores.apiKeys.revokeKey(id, ctx.now());
  if (revoked) logAuthEvent(ctx, "apikey.revoked", { apiKeyId: id });
  return { status: "OK", didKeyExist: revoked };
}

export type ApiKeyRejection = { status: "INVALID_KEY" | "REVOKED_KEY" | "EXPIRED_KEY"; apiKeyId?: string; apiKeyName?: string };

/** A refusal names the stored key it matched (revoked, expired), never the presented value. */
export type VerifyApiKeyResult = { status: "OK"; apiKey: ApiKeyInfo } | ApiKeyRejection;

/**
 * Checks a presented key. Timing: the lookup is by the key's sha256, so what an attacker can
 * time is a B-tree search for a hash of their own guess, which says nothing about any stored
 * key (they cannot choose guesses whose hashes approach a stored one). The final equality is
 * still constant-time, and it is what decides, not the database's comparison: MySQL's default
 * collation compares case-insensitively.
 */
export async function verifyApiKey(
  ctx: EngineContext,
  presented: string,
  /** `logRejection: false` leaves the `apikey.rejected` event to the caller, which counts floods (admin-key-check.ts). */
  options: { logRejection?: boolean } = {},
): Promise<VerifyApiKeyResult> {
  const rejected = (status: ApiKeyRejection["status"], row?: ApiKeyRow): ApiKeyRejection => {
    const rejection: ApiKeyRejection = { status, ...(row && { apiKeyId: row.id, apiKeyName: row.name }) };
    if (options.logRejection !== false) logApiKeyRejection(ctx, rejection);
    return rejection;
  };
  if (!KEY_PATTERN.test(presented)) return rejected("INVALID_KEY");
  const hash = hashApiKey(presented);
  const row = await ctx.stores.apiKeys.findKeyByHash(hash);
  if (!row || !sameHash(row.keyHash, hash)) return rejected("INVALID_KEY");
  if (row.revokedAt) return rejected("REVOKED_KEY", row);
  const now = ctx.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return rejected("EXPIRED_KEY", row);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await ctx.stores.apiKeys.touchKey(row.id, now);
    row.lastUsedAt = now;
  }
  logAuthEvent(ctx, "apikey.used", { apiKeyId: row.id, apiKeyName: row.name });
  return { status: "OK", apiKey: toInfo(row) };
}

function sameHash(stored: string, computed: string): boolean {
  const a = Buffer.from(stored, "utf8");
  const b = Buffer.from(computed, "utf8");
  // Both are 64 hex characters; the length of a sha256 is no secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The `apikey.rejected` event (log line and audit row); `count`: the client's failures in the window, when counted. */
export function logApiKeyRejection(ctx: EngineContext, rejection: ApiKeyRejection, count?: number): void {
  const key = rejection.apiKeyId ? { apiKeyId: rejection.apiKeyId, apiKeyName: rejection.apiKeyName } : {};
  logAuthEvent(ctx, "apikey.rejected", { reason: rejection.status, ...key, ...(count !== undefined && { count }) }, "warn");
}
