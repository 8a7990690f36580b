import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { mintAccessToken } from "../session/access-token";
import { createNewSession } from "../session/session";
import { createEmailPasswordUser, verifyUserEmail } from "../users/user-admin-actions";

/**
 * An access token whose `st-ev` claim says `verified`, made the way the engine makes it: the
 * claim comes from the user's row (the engine keeps it; a payload cannot set it). `undefined`:
 * a token without the claim at all, as one signed before the claim existed.
 */
export async function accessTokenWithEmailVerified(
  ctx: EngineContext,
  verified: boolean | undefined,
): Promise<{ userId: string; accessToken: string }> {
  const created = await createEmailPasswordUser(ctx, { email: `ev-${randomUUID().slice(0, 8)}@example.com`, password: "fixture-Password1" });
  if (created.status !== "OK") throw new Error(`could not create the user: ${created.status}`);
  const userId = created.user.id;
  if (verified) await verifyUserEmail(ctx, userId);
  const session = await createNewSession(ctx, { userId });
  if (verified !== undefined) return { userId, accessToken: session.accessToken };
  const { session: options } = ctx.config;
  const { token } = await mintAccessToken({
    keyRing: ctx.keyRing,
    now: ctx.now(),
    issuer: ctx.issuer,
    audience: options.accessTokenAudience,
    ttlSeconds: options.accessTokenTtlSeconds,
    userId,
    sessionHandle: session.sessionHandle,
    payload: {},
  });
  return { userId, accessToken: token };
}
