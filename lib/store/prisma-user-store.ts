/** UserStore on Prisma: users and their email+password accounts. */
import type { CreateEmailPasswordUserResult, EmailPasswordAccountRow, UpdateEmailResult, UserRow, UserStore } from "../auth/ports";
import type { PrismaClientSource } from "./prisma-client";
import { isUniqueViolationOn } from "./prisma-errors";
import { CLAIM_FACT_HAS_EMAIL, CLAIM_FACT_IDENTITY_JOIN, foldClaimFacts, type ClaimFactsRow } from "./session-claim-facts-rows";
import { booleanColumn, dateColumn, raw } from "./sql-statements";

/** Ids per read: stays well under every database's bound-parameter limit. */
const ID_BATCH = 500;

interface UserRecord {
  id: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
}

function toUserRow(user: UserRecord): UserRow {
  return { id: user.id, email: user.email, emailVerified: user.emailVerified, timeJoined: user.timeJoined };
}

/** A `users` row as plain SQL returns it (column names, each database's boolean and date encoding). */
export interface UserColumns {
  id: string;
  email: string | null;
  email_verified: unknown;
  time_joined: unknown;
}

export function userFromColumns(row: UserColumns): UserRow {
  return {
    id: row.id,
    email: row.email,
    emailVerified: booleanColumn(row.email_verified),
    timeJoined: dateColumn(row.time_joined, "users.time_joined"),
  };
}

export function createPrismaUserStore(client: PrismaClientSource): UserStore {
  return {
    async createEmailPasswordUser({ id, email, passwordHash, timeJoined }): Promise<CreateEmailPasswordUserResult> {
      const prisma = await client();
      try {
        // One transaction: a failure on the account (its email is unique too) must not leave
        // a user without credentials behind.
        const [user] = await prisma.$transaction([
          prisma.user.create({ data: { id, email, emailVerified: false, timeJoined } }),
          prisma.emailPasswordAccount.create({ data: { userId: id, email, passwordHash } }),
        ]);
        return { status: "OK", user: toUserRow(user) };
      } catch (error) {
        // The database decides, so two concurrent sign-ups with one email cannot both win.
        if (isUniqueViolationOn(error, "email")) return { status: "EMAIL_ALREADY_EXISTS_ERROR" };
        throw error;
      }
    },

    async findEmailPasswordAccountByEmail(email) {
      const prisma = await client();
      // One statement for the sign-in's whole read: the account, its user, and a row per role
      // and permission, so that the session's claims need no read of their own.
      const rows = await prisma.$queryRaw<
        (ClaimFactsRow & { user_id: string; password_hash: string; account_email: string; user_email: string | null; time_joined: unknown })[]
      >`
        SELECT a.user_id, a.password_hash, a.email AS account_email, u.email AS user_email, u.email_verified, ${raw(CLAIM_FACT_HAS_EMAIL)}, u.time_joined, ur.role, rp.permission
        FROM email_password_accounts a JOIN users u ON u.id = a.user_id ${raw(CLAIM_FACT_IDENTITY_JOIN)}
        LEFT JOIN user_roles ur ON ur.user_id = u.id LEFT JOIN role_permissions rp ON rp.role = ur.role
        WHERE a.email = ${email}`;
      // The address as stored, compared exactly here too: a collation that folds accents or case
      // (MariaDB's default did, before the email_binary_collation migration) must never hand one
      // address another's account, or mail its reset link to the address asked for.
      if (rows.length === 0 || rows[0]!.account_email !== email) return null;
      const [first] = rows;
      const facts = foldClaimFacts(rows);
      const user: UserRow = {
        id: first.user_id,
        email: first.user_email,
        emailVerified: facts.emailVerified,
        timeJoined: dateColumn(first.time_joined, "users.time_joined"),
      };
      const account: EmailPasswordAccountRow = { userId: first.user_id, email: first.account_email, passwordHash: first.password_hash };
      return { user, account, facts };
    },

    async getUserById(id) {
      const prisma = await client();
      // Plain SQL (sql-statements.ts): a one-row read that Prisma would plan in JavaScript each time.
      const [row] = await prisma.$queryRaw<UserColumns[]>`
        SELECT id, email, email_verified, time_joined FROM users WHERE id = ${id}`;
      // Compared again exactly: MySQL's default collation matches regardless of case (and pads).
      return row && row.id === id ? userFromColumns(row) : null;
    },

    async getUsersByIds(ids) {
      const prisma = await client();
      const unique = [...new Set(ids)];
      const found: UserRow[] = [];
      for (let start = 0; start < unique.length; start += ID_BATCH) {
        const users = await prisma.user.findMany({ where: { id: { in: unique.slice(start, start + ID_BATCH) } } });
        found.push(...users.map(toUserRow));
      }
      return found;
    },

    async markEmailVerified(userId, email) {
      const prisma = await client();
      // One conditional UPDATE: the email must still be the one the token was sent to. Counts
      // matched rows on every database, so "already verified" also reports true.
      const { count } = await prisma.user.updateMany({ where: { id: userId, email }, data: { emailVerified: true } });
      return count > 0;
    },

    async updatePasswordHash(userId, passwordHash) {
      const prisma = await client();
      const { count } = await prisma.emailPasswordAccount.updateMany({ where: { userId }, data: { passwordHash } });
      return count > 0;
    },

    async replacePasswordHash(userId, expectedHash, passwordHash) {
      const prisma = await client();
      // One conditional UPDATE: the database compares and writes atomically.
      const { count } = await prisma.emailPasswordAccount.updateMany({ where: { userId, passwordHash: expectedHash }, data: { passwordHash } });
      return count > 0;
    },

    async updateEmail(userId, email): Promise<UpdateEmailResult> {
      const prisma = await client();
      const current = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
      if (!current) return { status: "UNKNOWN_USER_ID_ERROR" };
      if (current.email === email) return { status: "OK" };
      try {
        const [users] = await prisma.$transaction([
          prisma.user.updateMany({ where: { id: userId }, data: { email, emailVerified: false } }),
          prisma.emailPasswordAccount.updateMany({ where: { userId }, data: { email } }),
          // A passwordless sign-in by email follows the account's address: the old one must no longer reach it.
          prisma.passwordlessAccount.updateMany({ where: { userId, email: { not: null } }, data: { email } }),
        ]);
        // Deleted between the read and the write.
        return users.count > 0 ? { status: "OK" } : { status: "UNKNOWN_USER_ID_ERROR" };
      } catch (error) {
        if (isUniqueViolationOn(error, "email")) return { status: "EMAIL_ALREADY_EXISTS_ERROR" };
        throw error;
      }
    },
  };
}

/** A DateTime column as a raw query returns it: a Date (PostgreSQL, MariaDB) or ISO text / epoch ms (SQLite). */
