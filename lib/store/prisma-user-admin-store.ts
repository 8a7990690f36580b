/** UserAdminStore on Prisma: the user list with keyset pagination, counts, deletion. */
import { OWNER_ROLE } from "../auth/ports/organization-store";
import { revocationTimesOf, type LoginMethodRow, type UserAdminStore, type UserFilter, type UserSummaryRow } from "../auth/ports/user-admin-store";
import { providerOfClient, type GatehousePrismaClient, type PrismaClientSource } from "./prisma-client";
import { retryOnWriteConflict } from "./prisma-errors";
import { empty, raw, sql } from "./sql-statements";

const summarySelect = {
  id: true,
  email: true,
  emailVerified: true,
  timeJoined: true,
  emailPasswordAccount: { select: { email: true } },
  thirdPartyAccounts: { select: { thirdPartyId: true, thirdPartyUserId: true, email: true }, orderBy: { id: "asc" } },
  passwordlessAccount: { select: { email: true, phoneNumber: true } },
} as const;

interface SummaryRecord {
  id: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
  emailPasswordAccount: { email: string } | null;
  thirdPartyAccounts: { thirdPartyId: string; thirdPartyUserId: string; email: string }[];
  passwordlessAccount: { email: string | null; phoneNumber: string | null } | null;
}

/** A passwordless login method: its email, or its phone number. */
export function passwordlessMethod(account: { email: string | null; phoneNumber: string | null }): LoginMethodRow {
  return { recipeId: "passwordless", email: account.email ?? "", ...(account.phoneNumber ? { phoneNumber: account.phoneNumber } : {}) };
}

function toSummary(record: SummaryRecord): UserSummaryRow {
  const loginMethods: LoginMethodRow[] = [
    ...(record.emailPasswordAccount ? [{ recipeId: "emailpassword" as const, email: record.emailPasswordAccount.email }] : []),
    ...record.thirdPartyAccounts.map((a) => ({
      recipeId: "thirdparty" as const,
      email: a.email,
      thirdParty: { id: a.thirdPartyId, userId: a.thirdPartyUserId },
    })),
    ...(record.passwordlessAccount ? [passwordlessMethod(record.passwordlessAccount)] : []),
  ];
  const { id, email, emailVerified, timeJoined } = record;
  return { id, email, emailVerified, timeJoined, loginMethods };
}

/** The end of an INSERT that keeps a row already there: MariaDB's ON DUPLICATE KEY clause, the others' ON CONFLICT. */
function onConflictKeep(provider: string | undefined) {
  return provider === "mysql" ? raw("ON DUPLICATE KEY UPDATE revoked_at = revoked_at") : raw("ON CONFLICT (session_handle) DO NOTHING");
}

/**
 * An email prefix, matched literally: `_` is common in addresses and must not be LIKE's
 * wildcard, and Prisma's `startsWith` passes the value into `LIKE (? || '%')` unescaped.
 * - SQLite: LIKE has no default escape character there, so the prefix becomes the range
 *   [prefix, prefix with its last character incremented), exact under SQLite's BINARY
 *   collation (and it can use the unique index on email, which a case-insensitive LIKE cannot).
 * - PostgreSQL and MySQL/MariaDB: LIKE's default escape character is the backslash (unless the
 *   MySQL server runs with NO_BACKSLASH_ESCAPES), so `\`, `%` and `_` are escaped with it.
 * Emails and prefixes are both lower-cased before they get here.
 */
function emailPrefixWhere(prisma: GatehousePrismaClient, prefix: string) {
  if (providerOfClient(prisma) === "sqlite") {
    const chars = [...prefix];
    const last = chars.pop()?.codePointAt(0);
    if (last === undefined) return {};
    // The next code point, stepping over the surrogate range (not characters of their own).
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    const upper = next > 0x10ffff ? `${prefix}\u{10ffff}` : chars.join("") + String.fromCodePoint(next);
    return { email: { gte: prefix, lt: upper } };
  }
  return { email: { startsWith: prefix.replace(/[\\%_]/g, (c) => `\\${c}`) } };
}

function whereOf(prisma: GatehousePrismaClient, filter: UserFilter) {
  return {
    ...(filter.emailPrefix !== undefined && emailPrefixWhere(prisma, filter.emailPrefix)),
    ...(filter.method === "emailpassword" && { emailPasswordAccount: { isNot: null } }),
    ...(filter.method === "thirdparty" && { thirdPartyAccounts: { some: {} } }),
    ...(filter.method === "passwordless" && { passwordlessAccount: { isNot: null } }),
  };
}

/** Thrown inside the deletion's transaction to roll it back: the user owns an organization again. */
class StillOwns extends Error {
  constructor() {
    super("rolled back: the user owns an organization");
  }
}

/** Row locks where the database takes them; SQLite's writers take turns instead. */
function forUpdate(provider: string | undefined) {
  return provider === "sqlite" ? empty : raw("FOR UPDATE");
}

/** Bounds of every database's date type (MySQL DATETIME: years 1000 to 9999). */
const EARLIEST = new Date("1000-01-01T00:00:00.000Z");
const LATEST = new Date("9999-12-31T23:59:59.999Z");

export function createPrismaUserAdminStore(client: PrismaClientSource): UserAdminStore {
  return {
    async listUsers({ order, limit, after, ...filter }) {
      const prisma = await client();
      const dir = order === "newest" ? "desc" : "asc";
      const past = order === "newest" ? "lt" : "gt";
      const pastOrAt = order === "newest" ? "lte" : "gte";
      // Keyset condition (timeJoined, id) past the cursor, written as `timeJoined <= t AND
      // (timeJoined < t OR id < i)` (mirrored for oldest first): the first conjunct is a range
      // on the (time_joined, id) index that every planner uses to start the scan at the cursor;
      // a bare OR would make some of them scan from the start of the index and filter.
      // The first page gets an always-true range too: without one, MariaDB plans an unbounded
      // `ORDER BY … LIMIT 101` as a full table scan plus filesort (user-pagination.db.test.ts).
      const keyset = after
        ? { timeJoined: { [pastOrAt]: after.timeJoined }, OR: [{ timeJoined: { [past]: after.timeJoined } }, { id: { [past]: after.id } }] }
        : { timeJoined: { [pastOrAt]: order === "newest" ? LATEST : EARLIEST } };
      const records = await prisma.user.findMany({
        where: { AND: [whereOf(prisma, filter), keyset] },
        orderBy: [{ timeJoined: dir }, { id: dir }],
        take: limit,
        select: summarySelect,
      });
      return records.map(toSummary);
    },

    async countUsers(filter) {
      const prisma = await client();
      return prisma.user.count({ where: whereOf(prisma, filter) });
    },

    async getUserSummary(userId) {
      const prisma = await client();
      const record = await prisma.user.findUnique({ where: { id: userId }, select: summarySelect });
      // Compared again exactly: MySQL's default collation matches regardless of case (and pads).
      return record && record.id === userId ? toSummary(record) : null;
    },

    async deleteUser(userId, revocation) {
      const prisma = await client();
      const provider = providerOfClient(prisma);
      // One transaction, retried whole if the database picks it as a deadlock's victim.
      return retryOnWriteConflict(async () => {
        try {
          return await prisma.$transaction(async (tx) => {
            // Locked first, so that no session can be written for the user from here on: its
            // INSERT's foreign-key check needs a shared lock on the user's row (PostgreSQL's KEY
            // SHARE, InnoDB's S lock), waits for this transaction, and fails once the row is gone.
            // A password sign-in locks the account before the user (prisma-session-store.ts), so
            // the account is locked first here too, in the same order. SQLite needs no lock: its
            // first write below makes every other writer wait until the commit.
            if (provider !== "sqlite") {
              await tx.$queryRaw(sql`SELECT user_id FROM email_password_accounts WHERE user_id = ${userId} FOR UPDATE`);
              const locked = await tx.$queryRaw<{ id: string }[]>(sql`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`);
              // Another spelling of the id is no user (MySQL's collation ignores case and pads):
              // the owner succession before this found none of their organizations by it.
              if (!locked.some((row) => row.id === userId)) return { didUserExist: false, revokedSessionHandles: [] };
            }
            // Every session of the user is recorded as revoked before the cascade below deletes it.
            // A handle revoked already (a sign-out committing meanwhile) keeps its row. Stamped
            // now, once the locks above are held: not before a wait for them (the port says why).
            const times = revocationTimesOf(revocation);
            await tx.$executeRaw(sql`INSERT INTO session_revocations (session_handle, revoked_at, expires_at)
            SELECT session_handle, ${times.revokedAt}, ${times.expiresAt} FROM sessions WHERE user_id = ${userId}
            ${onConflictKeep(provider)}`);
            // The owner succession ran before this transaction: an organization handed to the user
            // since, or created by them, would lose its only owner in the cascade. All their
            // memberships are locked, whatever their role (a row locked only if it read "owner" would
            // let a transfer promote another one meanwhile): a transfer's UPDATE of one waits, then
            // finds it gone; an organization's creation waits on the user's row above. If they own
            // one now, nothing is deleted. On SQLite the INSERT above made every other writer wait.
            const memberships = await tx.$queryRaw<{ user_id: string; role: string }[]>(
              sql`SELECT user_id, role FROM organization_members WHERE user_id = ${userId} ${forUpdate(provider)}`,
            );
            if (memberships.some((row) => row.user_id === userId && row.role === OWNER_ROLE)) throw new StillOwns();
            const sessions = await tx.session.findMany({ where: { userId }, select: { sessionHandle: true } });
            // Every table holding user data references users(id) with ON DELETE CASCADE in all three
            // migrations (accounts, sessions, email tokens, role grants), so they go with the row or
            // not at all. user-admin-store.db.test.ts checks each table on each database.
            const { count } = await tx.user.deleteMany({ where: { id: userId } });
            return { didUserExist: count > 0, revokedSessionHandles: sessions.map((s) => s.sessionHandle) };
          });
        } catch (error) {
          if (error instanceof StillOwns) return { didUserExist: true, revokedSessionHandles: [], stillOwnsOrganizations: true };
          throw error;
        }
      });
    },

    async countUsersJoinedBetween(from, to) {
      const prisma = await client();
      return prisma.user.count({ where: { timeJoined: { gte: from, lt: to } } });
    },
  };
}
