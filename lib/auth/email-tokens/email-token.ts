import { createHash, randomBytes } from "node:crypto";
import type { EngineContext } from "../context";
import type { EmailTokenRow, EmailTokenStore } from "../ports/email-token-store";

/** 256 bits from the CSPRNG, base64url: unguessable, and safe in a URL query as it is. */
const TOKEN_BYTES = 32;
/** Anything longer was not issued by us; refused before hashing. */
export const MAX_EMAIL_TOKEN_LENGTH = 256;

export function createEmailToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** Only this hash is stored: a copy of the table does not hold working links. */
export function hashEmailToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Issues a token for the user's address and stores its hash, replacing (so invalidating) any
 * token the user was sent before. Returns the token, to be put in the emailed link only.
 */
export async function issueEmailToken(
  ctx: EngineContext,
  store: EmailTokenStore,
  input: { userId: string; email: string; ttlSeconds: number },
): Promise<string> {
  const token = createEmailToken();
  const now = ctx.now();
  await store.replaceTokensForUser({
    tokenHash: hashEmailToken(token),
    userId: input.userId,
    email: input.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
  });
  return token;
}

/**
 * Uses a token up: the row, or null when the token is unknown, already used, replaced by a
 * newer one, or expired. An expired token is deleted all the same.
 */
export async function consumeEmailToken(ctx: EngineContext, store: EmailTokenStore, token: string): Promise<EmailTokenRow | null> {
  if (token.length === 0 || token.length > MAX_EMAIL_TOKEN_LENGTH) return null;
  const row = await store.consumeToken(hashEmailToken(token));
  if (!row || row.expiresAt.getTime() <= ctx.now().getTime()) return null;
  return row;
}
