import type { StoredSessionRow, UserRow } from "../ports";
import type { MfaStore, TotpDeviceRow } from "../ports/mfa-store";
import { isSessionLive, isWithinStoredExpiry } from "../session/session-liveness";

const clone = <T>(value: T): T => structuredClone(value);

/**
 * MfaStore in memory. Each method runs without an await between its check and its write, which
 * is what makes its compare-and-swap and single-use deletes atomic here. Users deleted from the
 * shared map take their devices and codes with them (ON DELETE CASCADE).
 */
export function createMemoryMfaStore(
  users: Map<string, UserRow>,
  sessions: Map<string, StoredSessionRow>,
  /** Shared with the sealed-secret store (memory-sealed-secret-store.ts). */
  devices = new Map<string, TotpDeviceRow>(),
): MfaStore {
  /** userId → code hashes. */
  const codes = new Map<string, Set<string>>();
  const liveDevices = (userId: string) =>
    users.has(userId) ? [...devices.values()].filter((d) => d.userId === userId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()) : [];
  const liveCodes = (userId: string) => (users.has(userId) ? (codes.get(userId) ?? new Set<string>()) : new Set<string>());

  return {
    async createTotpDevice(row) {
      // As the database's foreign key refuses it.
      if (!users.has(row.userId)) return { status: "USER_NOT_FOUND" };
      if (liveDevices(row.userId).some((d) => d.name === row.name)) return { status: "DEVICE_ALREADY_EXISTS_ERROR" };
      devices.set(row.id, clone(row));
      return { status: "OK" };
    },
    async listTotpDevices(userId) {
      return liveDevices(userId).map(clone);
    },
    async recordTotpStep(deviceId, step) {
      const device = devices.get(deviceId);
      if (!device || !users.has(device.userId)) return false;
      if (device.lastUsedStep !== null && device.lastUsedStep >= step) return false;
      device.lastUsedStep = step;
      device.verified = true;
      return true;
    },
    async deleteTotpDevice(userId, name) {
      const device = liveDevices(userId).find((d) => d.name === name);
      return device ? devices.delete(device.id) : false;
    },
    async deleteTotpDeviceById(userId, deviceId) {
      const device = devices.get(deviceId);
      return device !== undefined && device.userId === userId && users.has(userId) ? devices.delete(deviceId) : false;
    },
    async deleteUnverifiedTotpDevicesCreatedBefore(userId, before) {
      const stale = liveDevices(userId).filter((d) => !d.verified && d.createdAt.getTime() < before.getTime());
      for (const device of stale) devices.delete(device.id);
      return stale.length;
    },
    async deleteTotpDevicesForUser(userId) {
      const own = liveDevices(userId);
      for (const device of own) devices.delete(device.id);
      return own.length;
    },
    async replaceRecoveryCodes(userId, codeHashes, _createdAt, whileSession) {
      if (!users.has(userId)) throw new Error("foreign key violation: no such user");
      if (whileSession) {
        const session = sessions.get(whileSession.sessionHandle);
        if (!session || session.userId !== userId) return false;
        const { liveAt, lifetimes } = whileSession;
        if (!(lifetimes ? isSessionLive(session, liveAt, lifetimes) : isWithinStoredExpiry(session, liveAt))) return false;
      }
      codes.set(userId, new Set(codeHashes));
      return true;
    },
    async consumeRecoveryCode(userId, codeHash) {
      return liveCodes(userId).delete(codeHash);
    },
    async countRecoveryCodes(userId) {
      return liveCodes(userId).size;
    },
    async deleteRecoveryCodesForUser(userId) {
      const count = liveCodes(userId).size;
      codes.delete(userId);
      return count;
    },
  };
}
