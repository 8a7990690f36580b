/** MfaStore on Prisma: TOTP devices and recovery codes. */
import type { MfaStore, TotpDeviceRow } from "../auth/ports/mfa-store";
import type { PrismaClientSource } from "./prisma-client";
import { isUniqueViolation } from "./prisma-errors";

type DeviceRecord = Omit<TotpDeviceRow, "lastUsedStep"> & { lastUsedStep: bigint | null };

const toDevice = (d: DeviceRecord): TotpDeviceRow => ({
  id: d.id,
  userId: d.userId,
  name: d.name,
  sealedSecret: d.sealedSecret,
  period: d.period,
  skew: d.skew,
  verified: d.verified,
  lastUsedStep: d.lastUsedStep === null ? null : Number(d.lastUsedStep),
  createdAt: d.createdAt,
});

export function createPrismaMfaStore(client: PrismaClientSource): MfaStore {
  return {
    async createTotpDevice(row) {
      const prisma = await client();
      try {
        await prisma.totpDevice.create({ data: { ...row, lastUsedStep: row.lastUsedStep === null ? null : BigInt(row.lastUsedStep) } });
        return { status: "OK" };
      } catch (error) {
        // The unique (user, name) index decides concurrent set-ups with one name.
        if (isUniqueViolation(error)) return { status: "DEVICE_ALREADY_EXISTS_ERROR" };
        throw error;
      }
    },

    async listTotpDevices(userId) {
      const prisma = await client();
      const rows = await prisma.totpDevice.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toDevice);
    },

    async recordTotpStep(deviceId, step) {
      const prisma = await client();
      // One conditional UPDATE: the database lets exactly one of concurrent requests with the
      // same code move the step forward; the others match no row.
      const { count } = await prisma.totpDevice.updateMany({
        where: { id: deviceId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: BigInt(step) } }] },
        data: { lastUsedStep: BigInt(step), verified: true },
      });
      return count === 1;
    },

    async deleteTotpDevice(userId, name) {
      const prisma = await client();
      // Compared exactly here: MySQL's default collation matches names regardless of case.
      const device = (await prisma.totpDevice.findMany({ where: { userId, name } })).find((d) => d.name === name);
      if (!device) return false;
      const { count } = await prisma.totpDevice.deleteMany({ where: { id: device.id } });
      return count === 1;
    },

    async deleteTotpDeviceById(userId, deviceId) {
      const prisma = await client();
      const { count } = await prisma.totpDevice.deleteMany({ where: { id: deviceId, userId } });
      return count === 1;
    },

    async deleteUnverifiedTotpDevicesCreatedBefore(userId, before) {
      const prisma = await client();
      const { count } = await prisma.totpDevice.deleteMany({ where: { userId, verified: false, createdAt: { lt: before } } });
      return count;
    },

    async deleteTotpDevicesForUser(userId) {
      const prisma = await client();
      const { count } = await prisma.totpDevice.deleteMany({ where: { userId } });
      return count;
    },

    async replaceRecoveryCodes(userId, codeHashes, createdAt) {
      const prisma = await client();
      // One transaction: the old set is gone exactly when the new one is there.
      await prisma.$transaction([
        prisma.mfaRecoveryCode.deleteMany({ where: { userId } }),
        prisma.mfaRecoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ codeHash, userId, createdAt })) }),
      ]);
    },

    async consumeRecoveryCode(userId, codeHash) {
      const prisma = await client();
      // Single use: the DELETE decides; of concurrent callers exactly one sees a count of 1.
      const { count } = await prisma.mfaRecoveryCode.deleteMany({ where: { userId, codeHash } });
      return count === 1;
    },

    async countRecoveryCodes(userId) {
      const prisma = await client();
      return prisma.mfaRecoveryCode.count({ where: { userId } });
    },

    async deleteRecoveryCodesForUser(userId) {
      const prisma = await client();
      const { count } = await prisma.mfaRecoveryCode.deleteMany({ where: { userId } });
      return count;
    },
  };
}
