/** MfaStore on Prisma: TOTP devices and recovery codes. */
import type { MfaStore, RecoveryCodesSession, TotpDeviceRow } from "../auth/ports/mfa-store";
import { lifetimeBounds } from "../auth/session/session-liveness";
import { providerOfClient, type PrismaClientSource } from "./prisma-client";
import { isForeignKeyViolation, isUniqueViolation, retryOnWriteConflict } from "./prisma-errors";
import { empty, raw, sql, type RawTx } from "./sql-statements";

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

/**
 * Whether the user's session of this handle is live at `liveAt`, read inside the transaction
 * that then writes for it. PostgreSQL and MariaDB lock the row (FOR UPDATE, a locking read: the
 * latest committed row, not MariaDB's snapshot), so a revocation, which deletes the row, waits
 * for the write's commit, and a write waits for a revocation already under way and then finds
 * no row (recovery-codes-session-lock.db.test.ts, both ways). SQLite needs no lock: in one
 * process a transaction holds the one connection to its end (sqlite-connection-lock.ts); across
 * processes SQLite lets one writer commit at a time, and a transaction that read before
 * another's commit cannot write after it (busy, so it fails rather than write).
 */
async function isSessionLiveLocked(
  tx: RawTx,
  provider: string | undefined,
  userId: string,
  { sessionHandle, liveAt, lifetimes }: RecoveryCodesSession,
) {
  const lock = provider === "sqlite" ? empty : raw("FOR UPDATE");
  const bounds = lifetimes && lifetimeBounds(liveAt, lifetimes);
  const withinLifetimes = bounds
    ? sql` AND COALESCE(rotated_at, last_active_at) > ${bounds.refreshedAfter} AND created_at > ${bounds.createdAfter}`
    : empty;
  const rows = await tx.$queryRaw<{ session_handle: string; user_id: string }[]>(sql`SELECT session_handle, user_id FROM sessions
    WHERE session_handle = ${sessionHandle} AND user_id = ${userId} AND expires_at > ${liveAt} AND absolute_expires_at > ${liveAt}${withinLifetimes} ${lock}`);
  // Compared again exactly: MySQL's default collation matches regardless of case.
  return rows.some((row) => row.session_handle === sessionHandle && row.user_id === userId);
}

/**
 * Locks the user's row, so that two sets written at once for one user (from two sessions, or a
 * write racing a takeover's removal) take turns: the second deletes the first's set. Without it,
 * PostgreSQL's second DELETE (read committed) waited on the old rows the first deleted, skipped
 * them, and missed the first's new rows, committed after it began: both sets stayed valid
 * (recovery-codes-session-lock.db.test.ts). PostgreSQL takes FOR NO KEY UPDATE, which a code's
 * foreign-key check (KEY SHARE) does not wait for; MariaDB FOR UPDATE. The user's row comes
 * before the session's, the order a user's deletion takes too. SQLite's writers take turns.
 */
async function lockUser(tx: RawTx, provider: string | undefined, userId: string) {
  if (provider === "sqlite") return;
  const lock = provider === "postgresql" ? raw("FOR NO KEY UPDATE") : raw("FOR UPDATE");
  await tx.$queryRaw(sql`SELECT id FROM users WHERE id = ${userId} ${lock}`);
}

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
        // The user was deleted after the request's session check: its foreign key is gone.
        if (isForeignKeyViolation(error)) return { status: "USER_NOT_FOUND" };
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

    async replaceRecoveryCodes(userId, codeHashes, createdAt, whileSession) {
      const prisma = await client();
      const provider = providerOfClient(prisma);
      const data = codeHashes.map((codeHash) => ({ codeHash, userId, createdAt }));
      // One transaction: the old set is gone exactly when the new one is there. Retried whole if
      // InnoDB picks it as a deadlock's victim: a rolled-back try changed nothing.
      return retryOnWriteConflict(() =>
        prisma.$transaction(async (tx) => {
          await lockUser(tx, provider, userId);
          if (whileSession && !(await isSessionLiveLocked(tx, provider, userId, whileSession))) return false;
          await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
          await tx.mfaRecoveryCode.createMany({ data });
          return true;
        }),
      );
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
