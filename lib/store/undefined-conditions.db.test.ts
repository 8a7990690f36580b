/**
 * Prisma reads `where: { userId: undefined }` as no condition at all, so a store call handed an
 * undefined id by a bug anywhere above it (an engine path, a deployer's `request.json()` value)
 * deleted or changed every user's rows. The clients are generated with Prisma's
 * strictUndefinedChecks (scripts/db/schema-render.mjs): an explicit undefined is an error and
 * nothing is touched. Checked through store calls that the engine guards above them, on every
 * database.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createPrismaStores } from ".";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => {
  it(`${provider}: an undefined id in a store's delete or update is an error, and no row is touched`, async () => {
    const stores = createPrismaStores(url());
    const now = new Date("2026-01-01T00:00:00Z");
    const userIds = [randomUUID(), randomUUID()];
    for (const userId of userIds) {
      await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "h", timeJoined: now });
      const device = {
        id: randomUUID(),
        userId,
        name: "phone",
        sealedSecret: "s",
        period: 30,
        skew: 1,
        verified: true,
        lastUsedStep: null,
        createdAt: now,
      };
      expect(await stores.mfa.createTotpDevice(device)).toEqual({ status: "OK" });
    }
    const missing = undefined as unknown as string;
    await expect(stores.mfa.deleteTotpDevicesForUser(missing)).rejects.toThrow(/undefined/);
    await expect(stores.passwordless.deleteAccountForUser(missing)).rejects.toThrow(/undefined/);
    await expect(stores.passwordResetTokens.deleteTokensForUser(missing)).rejects.toThrow(/undefined/);
    for (const userId of userIds) expect(await stores.mfa.listTotpDevices(userId)).toHaveLength(1);
  });
});
