/**
 * TOTP secrets at rest: sealed (lib/auth/sealed-secret.ts) with a password derived from
 * GATEHOUSE_SECRET, like the signing keys, so that a copy of the database alone yields no
 * authenticator. Changing the app secret makes existing devices unusable (they must be set up
 * again) until `gatehouse secret reseal` seals them under the new one (lib/auth/secret-reseal.ts).
 */
import type { DerivedKeys } from "../secret";
import { openBoundSecret, sealBoundSecret } from "../sealed-secret";

/** Sealed with its owner: a sealed secret copied onto another user's row does not open there. */
export async function sealTotpSecret(keys: DerivedKeys, input: { secret: string; userId: string }): Promise<string> {
  return sealBoundSecret(keys.totpSecretSeal, input.secret, { userId: input.userId });
}

/** The secret, or null when the seal does not open (another app secret, another user, a changed row). */
export async function unsealTotpSecret(keys: DerivedKeys, sealed: string, userId: string): Promise<string | null> {
  return openBoundSecret(keys.totpSecretSeal, sealed, { userId });
}
