/**
 * A tenant's own OAuth client secret at rest (an organization's login methods): sealed as TOTP
 * secrets are (lib/auth/sealed-secret.ts), so that a copy of the database alone yields no client secret.
 * The seal names its organization and provider: copied onto another tenant's row, it does not
 * open there. Changing the app secret makes sealed client secrets unreadable until `gatehouse
 * secret reseal` seals them under the new one, or the operator sets them again (as TOTP devices).
 */
import type { DerivedKeys } from "../secret";
import { openBoundSecret, sealBoundSecret } from "../sealed-secret";

/** iron-session's seal prefix. A stored value without it was written before sealing existed. */
const SEAL_PREFIX = "Fe26.2*";

/** The tenant and provider a client secret belongs to. */
interface ClientSecretOwner {
  organizationId: string;
  providerId: string;
}

export function isSealedClientSecret(stored: string): boolean {
  return stored.startsWith(SEAL_PREFIX);
}

export async function sealTenantClientSecret(keys: DerivedKeys, input: ClientSecretOwner & { secret: string }): Promise<string> {
  return sealBoundSecret(keys.tenantClientSecretSeal, input.secret, { organizationId: input.organizationId, providerId: input.providerId });
}

/**
 * The client secret as the provider wants it, or null when a seal does not open (another app
 * secret, another tenant's row). A value stored before sealing existed is returned as it is.
 */
export async function openTenantClientSecret(keys: DerivedKeys, stored: string, owner: ClientSecretOwner): Promise<string | null> {
  if (!isSealedClientSecret(stored)) return stored;
  return openBoundSecret(keys.tenantClientSecretSeal, stored, { organizationId: owner.organizationId, providerId: owner.providerId });
}
