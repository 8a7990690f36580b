/**
 * A tenant's own OAuth client secret at rest (an organization's login methods): sealed
 * (iron-session, AES-256-CBC + HMAC) with a password derived from GATEHOUSE_SECRET, as TOTP
 * secrets and signing keys are, so that a copy of the database alone yields no client secret.
 * The seal names its organization and provider: copied onto another tenant's row, it does not
 * open there. Changing the app secret makes sealed client secrets unreadable; the operator sets
 * them again (the same trade TOTP devices make).
 */
import { sealData, unsealData } from "iron-session";
import type { DerivedKeys } from "../secret";

/** iron-session's seal prefix. A stored value without it was written before sealing existed. */
const SEAL_PREFIX = "Fe26.2*";

interface SealedClientSecret {
  secret: string;
  organizationId: string;
  providerId: string;
}

export function isSealedClientSecret(stored: string): boolean {
  return stored.startsWith(SEAL_PREFIX);
}

export async function sealTenantClientSecret(keys: DerivedKeys, input: SealedClientSecret): Promise<string> {
  return sealData({ ...input }, { password: keys.tenantClientSecretSeal, ttl: 0 });
}

/**
 * The client secret as the provider wants it, or null when a seal does not open (another app
 * secret, another tenant's row). A value stored before sealing existed is returned as it is.
 */
export async function openTenantClientSecret(
  keys: DerivedKeys,
  stored: string,
  where: { organizationId: string; providerId: string },
): Promise<string | null> {
  if (!isSealedClientSecret(stored)) return stored;
  try {
    const data = await unsealData<Partial<Record<keyof SealedClientSecret, unknown>>>(stored, { password: keys.tenantClientSecretSeal, ttl: 0 });
    return typeof data.secret === "string" && data.organizationId === where.organizationId && data.providerId === where.providerId
      ? data.secret
      : null;
  } catch {
    return null;
  }
}
