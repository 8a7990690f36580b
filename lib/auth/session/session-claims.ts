import type { EngineContext } from "../context";
import type { ClaimSource, KnownUser } from "./claim-source";
import type { ClaimValidationError, ClaimValidator } from "./claim-validator";

export type { ClaimSource, ClaimValidationError, ClaimValidator };

export interface ClaimValue<V = unknown> {
  v: V;
  t: number;
}

export async function fetchClaims(ctx: EngineContext, userId: string, known?: KnownUser): Promise<Record<string, ClaimValue>> {
  const now = ctx.now().getTime();
  const entries = await Promise.all(
    ctx.claimSources.map(async (source) => [source.key, { v: await source.fetchValue(ctx, userId, known), t: now }] as const),
  );
  return Object.fromEntries(entries);
}

/** The claim values of a verified token, or fresh from the database when `fromDatabase`. */
async function claimValues(
  ctx: EngineContext,
  userId: string,
  payload: Record<string, unknown>,
  validators: ClaimValidator[],
  fromDatabase: boolean,
): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  for (const validator of validators) {
    const source = ctx.claimSources.find((s) => s.key === validator.id);
    if (fromDatabase && source) values.set(validator.id, await source.fetchValue(ctx, userId));
    else values.set(validator.id, (payload[validator.id] as ClaimValue | undefined)?.v);
  }
  return values;
}

/**
 * Checks every validator. With `fromDatabase` (the checkDatabase option) the values are read
 * now rather than taken from the token, so a role removed a second ago is already refused.
 */
export async function validateClaims(
  ctx: EngineContext,
  session: { userId: string; accessTokenPayload: Record<string, unknown> },
  validators: ClaimValidator[],
  options: { fromDatabase?: boolean } = {},
): Promise<ClaimValidationError[]> {
  if (validators.length === 0) return [];
  const values = await claimValues(ctx, session.userId, session.accessTokenPayload, validators, options.fromDatabase ?? false);
  return validators.flatMap((validator) => validator.validate(values.get(validator.id)) ?? []);
}
