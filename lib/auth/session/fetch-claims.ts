import type { EngineContext } from "../context";
import type { ClaimValue, KnownUser } from "./claim-source";

/**
 * Reads every claim source for the user: the claims a new or refreshed access token carries.
 * `known` passes on what the caller has just read (the user row), so a source need not read it again.
 */
export async function fetchClaims(ctx: EngineContext, userId: string, known?: KnownUser): Promise<Record<string, ClaimValue>> {
  const now = ctx.now().getTime();
  const entries = await Promise.all(
    ctx.claimSources.map(async (source) => [source.key, { v: await source.fetchValue(ctx, userId, known), t: now }] as const),
  );
  return Object.fromEntries(entries);
}
