import type { EngineContext } from "../context";
import type { AccessTokenClaims } from "./access-token";

/**
 * A token older than this configuration's access-token lifetime, though its own `exp` is later:
 * minted before a deploy that shortened `session.accessTokenTtlSeconds`, or by an instance still
 * on a longer one. Revocations are remembered (in memory and in the revocation log) for this
 * configuration's lifetime only, so past it such a token of a signed-out session would verify
 * again. "Try refresh token" instead: a live session gets a token of today's lifetime, a revoked
 * one is refused by the refresh.
 */
export function outlivesConfiguredLifetime(ctx: Pick<EngineContext, "config">, claims: AccessTokenClaims, now: Date): boolean {
  if (typeof claims.iat !== "number") return false;
  return claims.iat + ctx.config.session.accessTokenTtlSeconds <= Math.floor(now.getTime() / 1000);
}
