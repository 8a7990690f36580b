import type { EngineContext } from "../context";

/**
 * Session claims: values the engine itself keeps in the access token (email verified, roles,
 * permissions), re-read from the database at every sign-in and refresh so a change reaches
 * every session on its next refresh. Each sits under its own key as `{ v, t }` — value and the
 * time it was read, in ms — the shape supertokens-web-js expects (e.g. `st-ev`, `st-role`).
 */
export interface ClaimSource<V = unknown> {
  /** The payload key, e.g. "st-role". Deployer payloads may not use it. */
  key: string;
  /** Reads the current value for a user from the database. */
  fetchValue(ctx: EngineContext, userId: string): Promise<V>;
}

export interface ClaimValue<V = unknown> {
  v: V;
  t: number;
}

/** One failed check, in the FDI's `claimValidationErrors` shape. */
export interface ClaimValidationError {
  id: string;
  reason: { message: string; expectedValue?: unknown; actualValue?: unknown; expectedToInclude?: unknown; includes?: unknown };
}

/** A requirement on one claim, checked by withSession / requireSession. */
export interface ClaimValidator<V = unknown> {
  /** The claim's key. */
  id: string;
  /** An error when the value does not satisfy the requirement, else undefined. */
  validate(value: V | undefined): ClaimValidationError | undefined;
}

export async function fetchClaims(ctx: EngineContext, userId: string): Promise<Record<string, ClaimValue>> {
  const now = ctx.now().getTime();
  const entries = await Promise.all(
    ctx.claimSources.map(async (source) => [source.key, { v: await source.fetchValue(ctx, userId), t: now }] as const),
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
