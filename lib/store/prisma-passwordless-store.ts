/** PasswordlessStore on Prisma: devices, their codes, and passwordless accounts. */
import type { PasswordlessAccountRow, PasswordlessCodeRow, PasswordlessDeviceRow, PasswordlessStore } from "../auth/ports/passwordless-store";
import type { UserRow } from "../auth/ports";
import type { PrismaClientSource } from "./prisma-client";
import { isForeignKeyViolation, isUniqueViolation } from "./prisma-errors";

const toDevice = (d: PasswordlessDeviceRow): PasswordlessDeviceRow => ({
  preAuthSessionId: d.preAuthSessionId,
  email: d.email,
  phoneNumber: d.phoneNumber,
  failedAttempts: d.failedAttempts,
  createdAt: d.createdAt,
});
const toCode = (c: PasswordlessCodeRow): PasswordlessCodeRow => ({
  id: c.id,
  preAuthSessionId: c.preAuthSessionId,
  userInputCodeHash: c.userInputCodeHash,
  linkCodeHash: c.linkCodeHash,
  createdAt: c.createdAt,
  expiresAt: c.expiresAt,
});
const toAccount = (a: PasswordlessAccountRow): PasswordlessAccountRow => ({ userId: a.userId, email: a.email, phoneNumber: a.phoneNumber });
const toUser = (u: UserRow): UserRow => ({ id: u.id, email: u.email, emailVerified: u.emailVerified, timeJoined: u.timeJoined });
const contactWhere = (contact: { email: string } | { phoneNumber: string }) =>
  "email" in contact ? { email: contact.email } : { phoneNumber: contact.phoneNumber };

/** Thrown inside the link transaction to roll it back when the user is no longer eligible. */
class NotEligible extends Error {}

export function createPrismaPasswordlessStore(client: PrismaClientSource): PasswordlessStore {
  return {
    async createDevice(device, code) {
      const prisma = await client();
      const { preAuthSessionId: _device, ...codeColumns } = toCode(code);
      await prisma.passwordlessDevice.create({ data: { ...toDevice(device), codes: { create: codeColumns } } });
    },

    async addCode(code) {
      const prisma = await client();
      try {
        await prisma.passwordlessCode.create({ data: toCode(code) });
        return true;
      } catch (error) {
        // The device was consumed or restarted meanwhile: its key is gone.
        if (isForeignKeyViolation(error)) return false;
        throw error;
      }
    },

    async getDevice(preAuthSessionId) {
      const prisma = await client();
      const device = await prisma.passwordlessDevice.findUnique({ where: { preAuthSessionId }, include: { codes: true } });
      // Prisma reads the codes in a second query: a concurrent consume may have deleted the device
      // (codes cascading) in between. A live device always has a code, so none means it is gone:
      // read as a device, a right code would be weighed as a wrong one (INCORRECT, not RESTART).
      return device && device.codes.length > 0 ? { device: toDevice(device), codes: device.codes.map(toCode) } : null;
    },

    async findCodeByLinkCodeHash(linkCodeHash) {
      const prisma = await client();
      const code = await prisma.passwordlessCode.findUnique({ where: { linkCodeHash }, include: { device: true } });
      // Prisma reads the device in a second query: a concurrent consume may have deleted it
      // in between (seen on MariaDB), whatever the generated type says. Compared again exactly:
      // MySQL's default collation matches regardless of case.
      const device = code?.device as PasswordlessDeviceRow | null | undefined;
      return code && device && code.linkCodeHash === linkCodeHash ? { device: toDevice(device), code: toCode(code) } : null;
    },

    async countAttempt(preAuthSessionId, maxAttempts) {
      const prisma = await client();
      // One UPDATE … SET failed_attempts = failed_attempts + 1 WHERE failed_attempts < max: the
      // database admits concurrent tries one by one, and no more than the limit.
      const { count } = await prisma.passwordlessDevice.updateMany({
        where: { preAuthSessionId, failedAttempts: { lt: maxAttempts } },
        data: { failedAttempts: { increment: 1 } },
      });
      if (count === 0) return null;
      const device = await prisma.passwordlessDevice.findUnique({ where: { preAuthSessionId }, select: { failedAttempts: true } });
      // Deleted between the two statements (consumed, or restarted by a concurrent wrong code).
      return device?.failedAttempts ?? null;
    },

    async deleteDevice(preAuthSessionId) {
      const prisma = await client();
      // Single use: the DELETE decides. Of concurrent callers the database lets exactly one
      // delete the row; the others see a count of 0. Its codes go with it (ON DELETE CASCADE).
      const { count } = await prisma.passwordlessDevice.deleteMany({ where: { preAuthSessionId } });
      return count === 1;
    },

    async deleteDevicesFor(contact) {
      const prisma = await client();
      const { count } = await prisma.passwordlessDevice.deleteMany({ where: contactWhere(contact) });
      return count;
    },

    async deleteDevicesCreatedBefore(before) {
      const prisma = await client();
      const { count } = await prisma.passwordlessDevice.deleteMany({ where: { createdAt: { lte: before } } });
      return count;
    },

    async findAccount(contact) {
      const prisma = await client();
      const account = await prisma.passwordlessAccount.findUnique({ where: contactWhere(contact) as { email: string }, include: { user: true } });
      const user = account?.user as UserRow | null | undefined;
      return account && user ? { account: toAccount(account), user: toUser(user) } : null;
    },

    async getAccountByUserId(userId) {
      const prisma = await client();
      const account = await prisma.passwordlessAccount.findUnique({ where: { userId } });
      return account ? toAccount(account) : null;
    },

    async deleteAccountForUser(userId) {
      const prisma = await client();
      return (await prisma.passwordlessAccount.deleteMany({ where: { userId } })).count === 1;
    },

    async createPasswordlessUser({ user, account }) {
      const prisma = await client();
      try {
        // One transaction: there is never a user without its account, nor the reverse.
        await prisma.$transaction([
          prisma.user.create({ data: toUser(user) }),
          prisma.passwordlessAccount.create({ data: { ...toAccount(account), userId: user.id } }),
        ]);
        return { status: "OK", user: toUser(user) };
      } catch (error) {
        // The unique indexes decide races: of concurrent sign-ups with one address or number
        // exactly one transaction commits.
        if (isUniqueViolation(error)) return { status: "CONTACT_ALREADY_EXISTS" };
        throw error;
      }
    },

    async linkEmailToVerifiedUser({ userId, email }) {
      const prisma = await client();
      try {
        await prisma.$transaction(async (tx) => {
          await tx.passwordlessAccount.upsert({ where: { userId }, create: { userId, email, phoneNumber: null }, update: { email } });
          // Checked after the write, inside the transaction: a user whose email changed (and so
          // became unverified) or who was deleted meanwhile rolls the link back.
          const owner = await tx.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
          if (!owner || owner.email !== email || !owner.emailVerified) throw new NotEligible();
        });
        return { status: "OK" };
      } catch (error) {
        if (error instanceof NotEligible || isForeignKeyViolation(error)) return { status: "USER_NOT_ELIGIBLE" };
        if (isUniqueViolation(error)) return { status: "CONTACT_ALREADY_EXISTS" };
        throw error;
      }
    },
  };
}
