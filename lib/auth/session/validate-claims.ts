import type { EngineContext } from "../context";
import type { ClaimValue } from "./claim-source";
import type { ClaimValidationError, ClaimValidator } from "./claim-validator";

/** The claim values of a verified token, or fresh from the database when `fromDatabase`. */
async function claimValues(
  ctx: EngineContext,
  userId: string,
  payload: Record<string, unknown>,
  validators: ClaimValidator[],
  fromDatabase: boolean,
): Promise<Map<ClaimValidator, unknown>> {
  const values = new Map<ClaimValidator, unknown>();
  for (const validator of validators) {
    if (validator.readsWholeClaim) {
      values.set(validator, payload[validator.id]);
      continue;
    }
    if (fromDatabase && validator.fetchFromDatabase) {
      values.set(validator, await validator.fetchFromDatabase(ctx, userId, payload));
      continue;
    }
    const source = ctx.claimSources.find((s) => s.key === validator.id);
    if (fromDatabase && source) values.set(validator, await source.fetchValue(ctx, userId));
    else values.set(validator, (payload[validator.id] as ClaimValue | undefined)?.v);
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
  return validators.flatMap((validator) => validator.validate(values.get(validator)) ?? []);
}
