/**
 * The secrets kept sealed under keys derived from GATEHOUSE_SECRET (TOTP devices' secrets,
 * tenants' own OAuth client secrets), read and rewritten as stored text for `gatehouse secret
 * reseal` (lib/auth/secret-reseal.ts): after a change of the app secret, each value sealed under
 * the previous secret is sealed again under the current one. An operator's rare task, so a full
 * scan, page by page, is fine.
 */

/** A TOTP device's secret as stored, with the user its seal is bound to. */
export interface StoredTotpSecret {
  deviceId: string;
  userId: string;
  sealedSecret: string;
}

/** A tenant's own client secret at a provider as stored (sealed, or plain if written before sealing existed). */
export interface StoredTenantClientSecret {
  organizationId: string;
  providerId: string;
  storedSecret: string;
}

/** One page of a scan; `next` is where the following page starts, null after the last. */
export interface SealedSecretPage<T> {
  secrets: T[];
  next: string | null;
}

export interface SealedSecretStore {
  /** TOTP devices' secrets, ordered by device id, `limit` devices at a time after `after`. */
  listTotpSecrets(page: { limit: number; after?: string }): Promise<SealedSecretPage<StoredTotpSecret>>;
  /**
   * Sets the device's secret to `replacement` if it is still exactly `expected` (compare-and-swap):
   * false, and nothing written, when it changed or the device is gone.
   */
  replaceTotpSecret(input: { deviceId: string; expected: string; replacement: string }): Promise<boolean>;
  /**
   * The client secrets of tenants' login methods, ordered by organization id then as listed,
   * `limit` organizations at a time after `after` (an organization id).
   */
  listTenantClientSecrets(page: { limit: number; after?: string }): Promise<SealedSecretPage<StoredTenantClientSecret>>;
  /**
   * Sets the client secret of the tenant's provider entry to `replacement` if it is still exactly
   * `expected`, leaving the rest of the login methods as they are at that moment (not as they
   * were read): false, and nothing written, when it changed or the entry or tenant is gone.
   */
  replaceTenantClientSecret(input: { organizationId: string; providerId: string; expected: string; replacement: string }): Promise<boolean>;
}
