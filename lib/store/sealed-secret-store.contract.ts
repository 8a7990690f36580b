/**
 * The SealedSecretStore contract, run on memory (memory-sealed-secret-store.test.ts) and on
 * SQLite, PostgreSQL and MariaDB (prisma-sealed-secret-store.db.test.ts). One `Stores` serves the
 * whole suite, so each test makes its own rows and looks only at them.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SealedSecretPage, Stores, TenantLoginMethods } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };

/** Every page of a scan, in order. */
async function scanAll<T>(list: (page: { limit: number; after?: string }) => Promise<SealedSecretPage<T>>, limit: number): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list({ limit, after });
    all.push(...page.secrets);
    if (page.next === null) return all;
    after = page.next;
  }
}

export function runSealedSecretStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`sealed secret store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    async function newUser(): Promise<string> {
      const id = randomUUID();
      expect((await stores.users.createEmailPasswordUser({ id, email: `seal-${id}@example.com`, passwordHash: "x", timeJoined: T0 })).status).toBe(
        "OK",
      );
      return id;
    }
    async function newDevice(userId: string, sealedSecret: string): Promise<string> {
      const id = randomUUID();
      const row = { id, userId, name: `Phone ${id}`, sealedSecret, period: 30, skew: 1, verified: true, lastUsedStep: 7, createdAt: T0 };
      expect((await stores.mfa.createTotpDevice(row)).status).toBe("OK");
      return id;
    }
    async function newTenant(loginMethods: TenantLoginMethods | null): Promise<string> {
      const id = `seal-${randomUUID().slice(0, 12)}`;
      const organization = { id, name: id, loginMethods, createdAt: T0 };
      expect((await stores.organizations.createOrganization({ organization, ownerUserId: await newUser() })).status).toBe("OK");
      return id;
    }

    it("lists every live device's sealed secret with its user, page by page in id order", async () => {
      const userId = await newUser();
      const gone = await newUser();
      const ids = [await newDevice(userId, "Fe26.2*one"), await newDevice(userId, "Fe26.2*two"), await newDevice(userId, "Fe26.2*three")];
      const goneDevice = await newDevice(gone, "Fe26.2*gone");
      await stores.userAdmin.deleteUser(gone, REVOKED);
      const all = await scanAll((page) => stores.sealedSecrets.listTotpSecrets(page), 2);
      const mine = all.filter((s) => s.userId === userId);
      expect(mine.map((s) => s.deviceId)).toEqual([...ids].sort());
      expect(mine.find((s) => s.deviceId === ids[1])).toEqual({ deviceId: ids[1], userId, sealedSecret: "Fe26.2*two" });
      expect(all.some((s) => s.deviceId === goneDevice)).toBe(false);
      const deviceIds = all.map((s) => s.deviceId);
      expect(deviceIds).toEqual([...deviceIds].sort());
    });

    it("replaces a device's secret only while it is exactly the one expected, and nothing else of the device", async () => {
      const userId = await newUser();
      const deviceId = await newDevice(userId, "Fe26.2*old-Seal");
      expect(await stores.sealedSecrets.replaceTotpSecret({ deviceId, expected: "Fe26.2*OLD-SEAL", replacement: "Fe26.2*x" })).toBe(false);
      expect(await stores.sealedSecrets.replaceTotpSecret({ deviceId, expected: "Fe26.2*other", replacement: "Fe26.2*x" })).toBe(false);
      expect(await stores.sealedSecrets.replaceTotpSecret({ deviceId: randomUUID(), expected: "Fe26.2*old-Seal", replacement: "Fe26.2*x" })).toBe(
        false,
      );
      expect((await stores.mfa.listTotpDevices(userId))[0].sealedSecret).toBe("Fe26.2*old-Seal");

      expect(await stores.sealedSecrets.replaceTotpSecret({ deviceId, expected: "Fe26.2*old-Seal", replacement: "Fe26.2*new" })).toBe(true);
      const [device] = await stores.mfa.listTotpDevices(userId);
      expect(device).toMatchObject({ id: deviceId, sealedSecret: "Fe26.2*new", verified: true, lastUsedStep: 7, period: 30, skew: 1 });
      // A second run with the same expectation finds the new value: nothing is written twice.
      expect(await stores.sealedSecrets.replaceTotpSecret({ deviceId, expected: "Fe26.2*old-Seal", replacement: "Fe26.2*again" })).toBe(false);
      expect((await stores.mfa.listTotpDevices(userId))[0].sealedSecret).toBe("Fe26.2*new");
    });

    it("lists tenants' own client secrets by organization, page by page; provider ids alone and tenants without login methods have none", async () => {
      const both = await newTenant({
        firstFactors: ["thirdparty"],
        thirdPartyProviders: [
          "github",
          { id: "google", clientId: "g-id", clientSecret: "Fe26.2*g" },
          { id: "okta", clientId: "o-id", clientSecret: "plain" },
        ],
      });
      const none = await newTenant(null);
      const idsOnly = await newTenant({ thirdPartyProviders: ["github"] });
      const all = await scanAll((page) => stores.sealedSecrets.listTenantClientSecrets(page), 1);
      expect(all.filter((s) => s.organizationId === both)).toEqual([
        { organizationId: both, providerId: "google", storedSecret: "Fe26.2*g" },
        { organizationId: both, providerId: "okta", storedSecret: "plain" },
      ]);
      expect(all.some((s) => s.organizationId === none || s.organizationId === idsOnly)).toBe(false);
    });

    it("replaces one client secret only while it is exactly the one expected, keeping the login methods as they are now", async () => {
      const loginMethods: TenantLoginMethods = {
        firstFactors: ["thirdparty"],
        thirdPartyProviders: [
          "github",
          { id: "google", clientId: "g-id", clientSecret: "Fe26.2*g-Old" },
          { id: "okta", clientId: "o-id", clientSecret: "Fe26.2*o" },
        ],
      };
      const id = await newTenant(loginMethods);
      // Changed after the scan: the replacement must keep this.
      const changed = { ...loginMethods, allowedEmailDomains: ["corp.example"] };
      expect(await stores.organizations.updateOrganization(id, { loginMethods: changed })).toBe(true);
      const replace = (providerId: string, expected: string, replacement: string) =>
        stores.sealedSecrets.replaceTenantClientSecret({ organizationId: id, providerId, expected, replacement });
      expect(await replace("google", "Fe26.2*G-OLD", "Fe26.2*x")).toBe(false);
      expect(await replace("google", "Fe26.2*o", "Fe26.2*x")).toBe(false);
      expect(await replace("github", "github", "Fe26.2*x")).toBe(false);
      expect(
        await stores.sealedSecrets.replaceTenantClientSecret({
          organizationId: "no-such-tenant",
          providerId: "google",
          expected: "Fe26.2*g-Old",
          replacement: "x",
        }),
      ).toBe(false);
      expect((await stores.organizations.getOrganization(id))?.loginMethods).toEqual(changed);

      expect(await replace("google", "Fe26.2*g-Old", "Fe26.2*g-new")).toBe(true);
      expect((await stores.organizations.getOrganization(id))?.loginMethods).toEqual({
        ...changed,
        thirdPartyProviders: [
          "github",
          { id: "google", clientId: "g-id", clientSecret: "Fe26.2*g-new" },
          { id: "okta", clientId: "o-id", clientSecret: "Fe26.2*o" },
        ],
      });
      expect(await replace("google", "Fe26.2*g-Old", "Fe26.2*again")).toBe(false);
    });

    it("of replacements of one tenant's secrets running at once, none is lost", async () => {
      const providers = ["a", "b", "c", "d"].map((id) => ({ id, clientId: `${id}-id`, clientSecret: `Fe26.2*${id}-old` }));
      const id = await newTenant({ thirdPartyProviders: providers });
      const results = await Promise.all(
        providers.map((p) =>
          stores.sealedSecrets.replaceTenantClientSecret({
            organizationId: id,
            providerId: p.id,
            expected: p.clientSecret,
            replacement: `Fe26.2*${p.id}-new`,
          }),
        ),
      );
      expect(results).toEqual([true, true, true, true]);
      const stored = (await stores.organizations.getOrganization(id))?.loginMethods?.thirdPartyProviders;
      expect(stored).toEqual(providers.map((p) => ({ ...p, clientSecret: `Fe26.2*${p.id}-new` })));
    });
  });
}
