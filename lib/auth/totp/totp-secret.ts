/**
 * TOTP secrets at rest: sealed (iron-session, AES-256-CBC + HMAC) with a password derived from
 * GATEHOUSE_SECRET, like the signing keys, so that a copy of the database alone yields no
 * authenticator. Changing the app secret makes existing devices unusable (they must be set up
 * again), which is the same trade the signing keys make.
 */
import { sealData, unsealData } from "iron-session";
import type { DerivedKeys } from "../secret";

/** Sealed with its owner: a sealed secret copied onto another user's row does not open there. */
export async function sealTotpSecret(keys: DerivedKeys, input: { secret: string; userId: string }): Promise<string> {
  return sealData({ secret: input.secret, userId: input.userId }, { password: keys.totpSecretSeal, ttl: 0 });
}

/** The secret, or null when the seal does not open (another app secret, another user, a changed row). */
export async function unsealTotpSecret(keys: DerivedKeys, sealed: string, userId: string): Promise<string | null> {
  try {
    const data = await unsealData<{ secret?: unknown; userId?: unknown }>(sealed, { password: keys.totpSecretSeal, ttl: 0 });
    return typeof data.secret === "string" && data.userId === userId ? data.secret : null;
  } catch {
    return null;
  }
}
