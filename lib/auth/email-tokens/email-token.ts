import { createHash, randomBytes } from "node:crypto";
import type { EngineContext } from "../context";
import type { EmailTokenRow, EmailTokenStore } from "../ports/email-token-store";
import { tenantBoundSecret } from "../organizations/tenant-binding";

/** 256 bits from the CSPRNG, base64url: unguessable, and safe in a URL query as it is. */
const TOKEN_BYTES = 32;
/** Anything longer was not issued by us; refused before hashing. */
export const MAX_EMAIL_TOKEN_LENGTH = 256;

export function createEmailToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/**
 * Only this hash is stored: a copy of the table does not hold working links. `tenantId` binds
 * the token to the tenant it was issued under (organizations/tenant-binding.ts); absent, the
 * public tenant.
 */
export function hashEmailToken(token: string, tenantId?: string): string {
  return createHash("sha256").update(tenantBoundSecret(tenantId, token)).digest("hex");
}

/**
 * Issues a token for the user's address and stores its hash, replacing (so invalidating) any
 * token the user was sent before. Returns the token, to be put in the emailed link only, or null
 * when the user was deleted since the caller looked them up (nothing stored, nothing to send).
 */
export async function issueEmailToken(
  ctx: EngineContext,
  store: EmailTokenStore,
  input: { userId: string; email: string; ttlSeconds: number; tenantId?: string },
): Promise<string | null> {
  const token = createEmailToken();
  const now = ctx.now();
  const stored = await store.replaceTokensForUser({
    tokenHash: hashEmailToken(token, input.tenantId),
    userId: input.userId,
    email: input.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
  });
  return stored ? token : null;
}

/**
 * Uses a token up: the row, or null when the token is unknown, already used, replaced by a
 * newer one, or expired. An expired token is deleted all the same. A token issued under another
 * tenant than `tenantId` is unknown here, and stays usable where it was issued.
 */
export async function consumeEmailToken(ctx: EngineContext, store: EmailTokenStore, token: string, tenantId?: string): Promise<EmailTokenRow | null> {
  if (token.length === 0 || token.length > MAX_EMAIL_TOKEN_LENGTH) return null;
  const row = await store.consumeToken(hashEmailToken(token, tenantId));
  if (!row || row.expiresAt.getTime() <= ctx.now().getTime()) return null;
  return row;
}

/**
 * The token's row, left in place, or null when it is unknown (used, replaced, never issued, or
 * issued under another tenant than `tenantId`). Expiry is the caller's to check. For a flow
 * whose effect may be repeated, and which spends the token once that effect is written.
 */
export async function findEmailToken(store: EmailTokenStore, token: string, tenantId?: string): Promise<EmailTokenRow | null> {
  if (token.length === 0 || token.length > MAX_EMAIL_TOKEN_LENGTH) return null;
  return store.findToken(hashEmailToken(token, tenantId));
}
