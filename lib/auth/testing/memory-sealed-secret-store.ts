import type { OrganizationRow, TenantProviderClient, TotpDeviceRow, UserRow } from "../ports";
import type { SealedSecretStore, StoredTenantClientSecret } from "../ports/sealed-secret-store";

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ownClients = (row: OrganizationRow) =>
  (row.loginMethods?.thirdPartyProviders ?? []).filter((entry): entry is TenantProviderClient => typeof entry !== "string");

/**
 * SealedSecretStore in memory, over the memory MFA and organization stores' maps (a deleted user's
 * devices are gone, as ON DELETE CASCADE does). Each replace runs without an await between its
 * compare and its write, which is what makes it a compare-and-swap here.
 */
export function createMemorySealedSecretStore(maps: {
  users: Map<string, UserRow>;
  totpDevices: Map<string, TotpDeviceRow>;
  organizations: Map<string, OrganizationRow>;
}): SealedSecretStore {
  const { users, totpDevices, organizations } = maps;
  const liveDevice = (id: string) => {
    const device = totpDevices.get(id);
    return device && users.has(device.userId) ? device : undefined;
  };
  return {
    async listTotpSecrets({ limit, after }) {
      const page = [...totpDevices.values()]
        .filter((d) => users.has(d.userId) && (after === undefined || d.id > after))
        .sort((a, b) => byKey(a.id, b.id))
        .slice(0, limit);
      return {
        secrets: page.map((d) => ({ deviceId: d.id, userId: d.userId, sealedSecret: d.sealedSecret })),
        next: page.length === limit ? page[page.length - 1].id : null,
      };
    },
    async replaceTotpSecret({ deviceId, expected, replacement }) {
      const device = liveDevice(deviceId);
      if (!device || device.sealedSecret !== expected) return false;
      device.sealedSecret = replacement;
      return true;
    },
    async listTenantClientSecrets({ limit, after }) {
      const page = [...organizations.values()]
        .filter((o) => o.loginMethods !== null && (after === undefined || o.id > after))
        .sort((a, b) => byKey(a.id, b.id))
        .slice(0, limit);
      const secrets: StoredTenantClientSecret[] = page.flatMap((o) =>
        ownClients(o).map((client) => ({ organizationId: o.id, providerId: client.id, storedSecret: client.clientSecret })),
      );
      return { secrets, next: page.length === limit ? page[page.length - 1].id : null };
    },
    async replaceTenantClientSecret({ organizationId, providerId, expected, replacement }) {
      const organization = organizations.get(organizationId);
      const client = organization && ownClients(organization).find((entry) => entry.id === providerId && entry.clientSecret === expected);
      if (!client) return false;
      client.clientSecret = replacement;
      return true;
    },
  };
}
