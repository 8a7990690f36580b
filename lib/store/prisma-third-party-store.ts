/** ThirdPartyStore on Prisma: third-party identities and the users they belong to. */
import type { UserRow } from "../auth/ports";
import type { ThirdPartyAccountRow, ThirdPartyStore } from "../auth/ports/third-party-store";
import type { PrismaClientSource } from "./prisma-client";
import { isUniqueViolation, isUniqueViolationOn } from "./prisma-errors";

interface UserRecord {
  id: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
}

const toUserRow = (u: UserRecord): UserRow => ({ id: u.id, email: u.email, emailVerified: u.emailVerified, timeJoined: u.timeJoined });
const toAccountRow = (a: ThirdPartyAccountRow): ThirdPartyAccountRow => ({
  id: a.id,
  userId: a.userId,
  thirdPartyId: a.thirdPartyId,
  thirdPartyUserId: a.thirdPartyUserId,
  email: a.email,
});

/** The identity's unique index names both columns; PostgreSQL and SQLite report them, MySQL the index name. */
const isIdentityViolation = (error: unknown) => isUniqueViolationOn(error, "third_party_user_id") || isUniqueViolationOn(error, "thirdPartyUserId");

/** Thrown inside the link transaction to roll it back when the user is no longer eligible. */
class NotEligible extends Error {}

export function createPrismaThirdPartyStore(client: PrismaClientSource): ThirdPartyStore {
  return {
    async findAccount(thirdPartyId, thirdPartyUserId) {
      const prisma = await client();
      const found = await prisma.thirdPartyAccount.findUnique({
        where: { thirdPartyId_thirdPartyUserId: { thirdPartyId, thirdPartyUserId } },
        include: { user: true },
      });
      // Compared again exactly: on MySQL the provider id's collation ignores case, and even the
      // provider user id's binary one ignores trailing spaces ("sub " found the account of "sub").
      const exact = found && found.thirdPartyId === thirdPartyId && found.thirdPartyUserId === thirdPartyUserId;
      return exact ? { account: toAccountRow(found), user: toUserRow(found.user) } : null;
    },

    async findUserByEmail(email) {
      const prisma = await client();
      const user = await prisma.user.findUnique({ where: { email } });
      return user ? toUserRow(user) : null;
    },

    async createThirdPartyUser({ user, account }) {
      const prisma = await client();
      try {
        // One transaction: there is never a user without its identity, nor the reverse.
        await prisma.$transaction([
          prisma.user.create({ data: { id: user.id, email: user.email, emailVerified: user.emailVerified, timeJoined: user.timeJoined } }),
          prisma.thirdPartyAccount.create({ data: { ...account, userId: user.id } }),
        ]);
        return { status: "OK", user: { ...user } };
      } catch (error) {
        // The unique indexes decide races: of concurrent sign-ins with one identity (or one
        // email) exactly one transaction commits; the others learn which race they lost.
        if (isIdentityViolation(error)) return { status: "ACCOUNT_ALREADY_EXISTS" };
        if (isUniqueViolationOn(error, "email")) return { status: "EMAIL_ALREADY_EXISTS_ERROR" };
        throw error;
      }
    },

    async linkAccountToVerifiedUser({ userId, email, account }) {
      const prisma = await client();
      try {
        await prisma.$transaction(async (tx) => {
          await tx.thirdPartyAccount.create({ data: { ...account, userId } });
          // Checked after the insert, inside the transaction: a user whose email changed (and so
          // became unverified) or who was deleted meanwhile rolls the link back.
          const owner = await tx.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
          if (!owner || owner.email !== email || !owner.emailVerified) throw new NotEligible();
        });
        return { status: "OK" };
      } catch (error) {
        if (error instanceof NotEligible) return { status: "USER_NOT_ELIGIBLE" };
        if (isIdentityViolation(error) || isUniqueViolation(error)) return { status: "ACCOUNT_ALREADY_EXISTS" };
        // The user was deleted before the insert: its foreign key is gone.
        if ((error as { code?: string })?.code === "P2003") return { status: "USER_NOT_ELIGIBLE" };
        throw error;
      }
    },

    async claimEmail(userId, email) {
      const prisma = await client();
      try {
        // Conditional on the user still having no address; the unique index on the email
        // refuses it when another user holds the address, whoever got there first.
        const { count } = await prisma.user.updateMany({ where: { id: userId, email: null }, data: { email, emailVerified: true } });
        return count > 0;
      } catch (error) {
        if (isUniqueViolationOn(error, "email") || isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async releaseUnprovenEmail(userId, email, claimant) {
      const prisma = await client();
      // A sign-up proves nothing: it takes the address only from a provider-only holder.
      const providerOnly = claimant === "sign-up" ? { webauthnCredentials: { none: {} }, passwordlessAccount: { is: null } } : {};
      return prisma.$transaction(async (tx) => {
        // One statement: a password (or, against a sign-up, a passkey) added or the address verified meanwhile keeps the address.
        const { count } = await tx.user.updateMany({
          where: { id: userId, email, emailVerified: false, emailPasswordAccount: { is: null }, ...providerOnly },
          data: { email: null },
        });
        if (count === 0) return false;
        // The address goes with every way in by it: a passwordless account that signed in by it
        // (its user's email changed to it, unproven) must not keep signing the holder in by it.
        await tx.passwordlessAccount.deleteMany({ where: { userId, email, phoneNumber: null } });
        await tx.passwordlessAccount.updateMany({ where: { userId, email }, data: { email: null } });
        return true;
      });
    },

    async updateAccountEmail(accountId, email) {
      const prisma = await client();
      await prisma.thirdPartyAccount.updateMany({ where: { id: accountId }, data: { email } });
    },

    async deleteAccountsForUser(userId) {
      const prisma = await client();
      return (await prisma.thirdPartyAccount.deleteMany({ where: { userId } })).count;
    },

    async getLoginMethods(userId) {
      const prisma = await client();
      const user = await prisma.user.findUnique({
        where: { id: userId },
        include: {
          emailPasswordAccount: { select: { userId: true } },
          thirdPartyAccounts: { orderBy: [{ thirdPartyId: "asc" }, { thirdPartyUserId: "asc" }] },
        },
      });
      if (!user) return null;
      return {
        user: toUserRow(user),
        hasPassword: user.emailPasswordAccount !== null,
        thirdPartyAccounts: user.thirdPartyAccounts.map(toAccountRow),
      };
    },
  };
}
