import type { EngineContext } from "../context";
import type { ClaimValue } from "./claim-source";

/** Reads every claim source for the user: the claims a new or refreshed access token carries. */
export async function fetchClaims(ctx: EngineContext, userId: string): Promise<Record<string, ClaimValue>> {
  const now = ctx.now().getTime();
  const entries = await Promise.all(
    ctx.claimSources.map(async (source) => [source.key, { v: await source.fetchValue(ctx, userId), t: now }] as const),
  );
  return Object.fromEntries(entries);
}
