import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Stores, TenantLoginMethods } from "./ports";
import { deriveKeys } from "./secret";
import { resealSecrets } from "./secret-reseal";
import { newSigningKeyRow } from "./session/new-signing-key";
import { createTestEngine, T0 } from "./testing/test-engine";
import { openTenantClientSecret, sealTenantClientSecret } from "./thirdparty/tenant-client-secret";
import { sealTotpSecret, unsealTotpSecret } from "./totp/totp-secret";

const PREVIOUS = "previous-secret-0123456789abcdef0123456789abcdef";
const CURRENT = "current-secret-fedcba9876543210fedcba9876543210";
const OTHER = "another-secret-00112233445566778899aabbccddeeff";
const [previousKeys, currentKeys, otherKeys] = [PREVIOUS, CURRENT, OTHER].map(deriveKeys);

/** The engine under the current secret, on stores holding values sealed under the previous one (and one under neither). */
async function setUp() {
  const { ctx, stores } = createTestEngine({}, { secret: CURRENT });
  const userId = randomUUID();
  await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "x", timeJoined: T0 });
  const device = async (name: string, secret: string, keys = previousKeys) => {
    const id = randomUUID();
    const sealedSecret = await sealTotpSecret(keys, { secret, userId });
    await stores.mfa.createTotpDevice({ id, userId, name, sealedSecret, period: 30, skew: 1, verified: true, lastUsedStep: null, createdAt: T0 });
    return id;
  };
  await device("Phone", "JBSWY3DPEHPK3PXP");
  await device("Tablet", "KRSXG5CTMVRXEZLU");
  await device("Lost", "GEZDGNBVGY3TQOJQ", otherKeys);
  const client = async (providerId: string, secret: string, keys = previousKeys) => ({
    id: providerId,
    clientId: `${providerId}-client`,
    clientSecret: await sealTenantClientSecret(keys, { organizationId: "acme", providerId, secret }),
  });
  const loginMethods: TenantLoginMethods = {
    thirdPartyProviders: [
      "github",
      await client("google", "google-client-secret"),
      await client("okta", "okta-client-secret"),
      { id: "legacy", clientId: "legacy-client", clientSecret: "stored-before-sealing" },
    ],
  };
  await stores.organizations.createOrganization({ organization: { id: "acme", name: "Acme", loginMethods, createdAt: T0 }, ownerUserId: userId });
  return { ctx, stores, userId };
}

const totpSecretsUnder = async (stores: Stores, userId: string, keys = currentKeys) =>
  Promise.all((await stores.mfa.listTotpDevices(userId)).map((d) => unsealTotpSecret(keys, d.sealedSecret, userId)));
const clientSecretsUnder = async (stores: Stores, keys = currentKeys) => {
  const providers = (await stores.organizations.getOrganization("acme"))!.loginMethods!.thirdPartyProviders!;
  return Promise.all(
    providers.flatMap((p) =>
      typeof p === "string" ? [] : [openTenantClientSecret(keys, p.clientSecret, { organizationId: "acme", providerId: p.id })],
    ),
  );
};

describe("resealSecrets", () => {
  it("seals every TOTP secret and tenant client secret of the previous secret under the current one; the rest is left as it is", async () => {
    const { ctx, stores, userId } = await setUp();
    expect(await totpSecretsUnder(stores, userId)).toEqual([null, null, null]);
    const lostBefore = (await stores.mfa.listTotpDevices(userId))[2].sealedSecret;

    const result = await resealSecrets(ctx, { previousSecret: PREVIOUS });
    expect(result).toEqual({
      status: "OK",
      report: {
        totpSecrets: { resealed: 2, alreadyCurrent: 0, unreadable: 1, changedMeanwhile: 0 },
        tenantClientSecrets: { resealed: 2, alreadyCurrent: 1, unreadable: 0, changedMeanwhile: 0 },
      },
    });
    expect(await totpSecretsUnder(stores, userId)).toEqual(["JBSWY3DPEHPK3PXP", "KRSXG5CTMVRXEZLU", null]);
    expect(await clientSecretsUnder(stores)).toEqual(["google-client-secret", "okta-client-secret", "stored-before-sealing"]);
    // The value sealed under neither is kept, byte for byte: it still opens under its own secret.
    expect((await stores.mfa.listTotpDevices(userId))[2].sealedSecret).toBe(lostBefore);
    expect(await totpSecretsUnder(stores, userId, otherKeys)).toEqual([null, null, "GEZDGNBVGY3TQOJQ"]);
  });

  it("run again, it finds everything current and writes nothing", async () => {
    const { ctx, stores, userId } = await setUp();
    await resealSecrets(ctx, { previousSecret: PREVIOUS });
    const devices = await stores.mfa.listTotpDevices(userId);
    const organization = await stores.organizations.getOrganization("acme");
    const again = await resealSecrets(ctx, { previousSecret: PREVIOUS });
    expect(again).toMatchObject({
      report: {
        totpSecrets: { resealed: 0, alreadyCurrent: 2, unreadable: 1 },
        tenantClientSecrets: { resealed: 0, alreadyCurrent: 3, unreadable: 0 },
      },
    });
    expect(await stores.mfa.listTotpDevices(userId)).toEqual(devices);
    expect(await stores.organizations.getOrganization("acme")).toEqual(organization);
  });

  it("a dry run counts what it would reseal and writes nothing", async () => {
    const { ctx, stores, userId } = await setUp();
    const devices = await stores.mfa.listTotpDevices(userId);
    const organization = await stores.organizations.getOrganization("acme");
    const dry = await resealSecrets(ctx, { previousSecret: PREVIOUS, dryRun: true });
    expect(dry).toMatchObject({ report: { totpSecrets: { resealed: 2, unreadable: 1 }, tenantClientSecrets: { resealed: 2, alreadyCurrent: 1 } } });
    expect(await stores.mfa.listTotpDevices(userId)).toEqual(devices);
    expect(await stores.organizations.getOrganization("acme")).toEqual(organization);
  });

  it("a wrong previous secret opens nothing: everything is counted unreadable and left as it is", async () => {
    const { ctx, stores, userId } = await setUp();
    const devices = await stores.mfa.listTotpDevices(userId);
    const wrong = await resealSecrets(ctx, { previousSecret: "mistyped-secret-0123456789abcdef0123456789abcdef" });
    expect(wrong).toMatchObject({
      report: { totpSecrets: { resealed: 0, unreadable: 3 }, tenantClientSecrets: { resealed: 0, alreadyCurrent: 1, unreadable: 2 } },
    });
    expect(await stores.mfa.listTotpDevices(userId)).toEqual(devices);
  });

  it("a value changed between the read and the write is left as it is now, and counted", async () => {
    const { ctx, stores, userId } = await setUp();
    const sealedSecrets = ctx.stores.sealedSecrets;
    let removed: string | undefined;
    // Someone removes the first device the command is about to write, while it runs.
    const replaceTotpSecret: typeof sealedSecrets.replaceTotpSecret = async (input) => {
      if (!removed && (await stores.mfa.deleteTotpDeviceById(userId, input.deviceId))) removed = input.deviceId;
      return sealedSecrets.replaceTotpSecret(input);
    };
    const racing = { ...ctx, stores: { ...ctx.stores, sealedSecrets: { ...sealedSecrets, replaceTotpSecret } } };
    const result = await resealSecrets(racing, { previousSecret: PREVIOUS });
    expect(result).toMatchObject({ report: { totpSecrets: { resealed: 1, changedMeanwhile: 1, unreadable: 1 } } });
    const left = await stores.mfa.listTotpDevices(userId);
    expect(left.map((d) => d.id)).not.toContain(removed);
    expect((await totpSecretsUnder(stores, userId)).filter((s) => s !== null)).toHaveLength(1);
  });

  it("refuses the current secret as the previous one, and a previous secret too short to be one", async () => {
    const { ctx } = await setUp();
    expect(await resealSecrets(ctx, { previousSecret: CURRENT })).toEqual({ status: "SAME_SECRET" });
    expect(await resealSecrets(ctx, { previousSecret: "short" })).toEqual({
      status: "PREVIOUS_SECRET_INVALID",
      message: "the previous secret must be at least 32 bytes long (it is 5).",
    });
    expect(await resealSecrets(ctx, { previousSecret: "" })).toEqual({ status: "PREVIOUS_SECRET_INVALID", message: "the previous secret is empty" });
  });

  it("refuses, changing nothing, while the signing keys pass under the previous secret and none under the current one", async () => {
    const { ctx, stores, userId } = await setUp();
    const keyUnder = (keys: typeof currentKeys, kid: string) =>
      newSigningKeyRow(
        {
          algorithm: "EdDSA",
          rotationIntervalSeconds: 86_400,
          accessTokenTtlSeconds: 3600,
          sealPassword: keys.sealPassword,
          macKey: keys.signingKeyMac,
        },
        T0,
        kid,
        new Date(T0.getTime() + 86_400_000),
      );
    const devices = await stores.mfa.listTotpDevices(userId);
    // The secrets swapped (or keys reset not run yet under the new one): resealing would seal under the retiring secret.
    expect(await stores.signingKeys.insertKey(await keyUnder(previousKeys, "old-key"))).toBe(true);
    expect(await resealSecrets(ctx, { previousSecret: PREVIOUS })).toEqual({ status: "KEYS_UNDER_PREVIOUS_SECRET" });
    expect(await stores.mfa.listTotpDevices(userId)).toEqual(devices);
    // A key under the current secret beside it: the order is right.
    expect(await stores.signingKeys.insertKey(await keyUnder(currentKeys, "new-key"))).toBe(true);
    expect(await resealSecrets(ctx, { previousSecret: PREVIOUS })).toMatchObject({ status: "OK", report: { totpSecrets: { resealed: 2 } } });
  });
});
