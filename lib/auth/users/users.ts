import type { EngineContext } from "../context";
import { assertIdArgument } from "../id-argument";
import { normaliseEmail } from "../emailpassword/credential-checks";
import { logAuthEvent } from "../log";
import { handOverOrganizationsOf } from "../organizations/owner-succession";
import { isCursorId } from "../cursor-id";
import { pageLimit } from "../page-limit";
import { isStorableTime } from "../storable-time";
import { revocationTimes } from "../session/revocation-log";
import type { DeletedUser, RevocationTimes, SignInMethod, UserFilter, UserSummaryRow } from "../ports/user-admin-store";
import { GatehouseError } from "../errors";

/**
 * Listing users for operators (SuperTokens' "User Pagination"): newest or oldest first, a page
 * at a time, with an opaque cursor. Keyset pagination on (timeJoined, id): the cost of a page
 * does not grow with its depth, and sign-ups during a walk neither repeat nor skip anyone.
 */

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

export interface GetUsersInput {
  /** 1 to 500; others are clamped, and one that is no number (NaN) reads as the default. @default 100 */
  limit?: number;
  /** `nextPaginationToken` of the previous page; absent for the first page. */
  paginationToken?: string;
  /** Only users whose email starts with this (case-insensitive). */
  emailPrefix?: string;
  /** Only users who can sign in with this method. */
  method?: SignInMethod;
}

export type GetUsersResult = { status: "OK"; users: UserSummaryRow[]; nextPaginationToken?: string } | { status: "INVALID_PAGINATION_TOKEN_ERROR" };

type Order = "newest" | "oldest";

/** The cursor names its order: a newest-first token must not be replayed oldest-first. */
function encodeToken(order: Order, user: { timeJoined: Date; id: string }): string {
  return Buffer.from(`${order[0]}|${user.timeJoined.getTime()}|${user.id}`, "utf8").toString("base64url");
}

function decodeToken(order: Order, token: string): { timeJoined: Date; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return null;
  const [tag, ms, ...idParts] = Buffer.from(token, "base64url").toString("utf8").split("|");
  const id = idParts.join("|");
  if (tag !== order[0] || !/^-?\d{1,15}$/.test(ms ?? "") || !isStorableTime(Number(ms)) || !isCursorId(id)) return null;
  return { timeJoined: new Date(Number(ms)), id };
}

export function normaliseFilter(filter: UserFilter): UserFilter {
  const emailPrefix = filter.emailPrefix && normaliseEmail(filter.emailPrefix);
  return { ...(emailPrefix ? { emailPrefix } : {}), ...(filter.method ? { method: filter.method } : {}) };
}

async function getUsers(ctx: EngineContext, order: Order, input: GetUsersInput): Promise<GetUsersResult> {
  const limit = pageLimit(input.limit, { defaultSize: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE });
  let after: { timeJoined: Date; id: string } | undefined;
  if (input.paginationToken !== undefined) {
    after = decodeToken(order, input.paginationToken) ?? undefined;
    if (!after) return { status: "INVALID_PAGINATION_TOKEN_ERROR" };
  }
  // One extra row says whether another page exists, without a second query.
  const rows = await ctx.stores.userAdmin.listUsers({ ...normaliseFilter(input), order, limit: limit + 1, after });
  const users = rows.slice(0, limit);
  const more = rows.length > limit;
  return { status: "OK", users, ...(more && { nextPaginationToken: encodeToken(order, users[users.length - 1]) }) };
}

export function getUsersNewestFirst(ctx: EngineContext, input: GetUsersInput = {}): Promise<GetUsersResult> {
  return getUsers(ctx, "newest", input);
}

export function getUsersOldestFirst(ctx: EngineContext, input: GetUsersInput = {}): Promise<GetUsersResult> {
  return getUsers(ctx, "oldest", input);
}

/** How many users match (all of them without a filter). Counting is O(users): call it per page load, not per row. */
export function getUserCount(ctx: EngineContext, filter: UserFilter = {}): Promise<number> {
  return ctx.stores.userAdmin.countUsers(normaliseFilter(filter));
}

/** One user with their sign-in methods, or null. */
export async function getUser(ctx: EngineContext, userId: string): Promise<UserSummaryRow | null> {
  assertIdArgument(userId, "getUser: userId");
  return ctx.stores.userAdmin.getUserSummary(userId);
}

/** Rounds of succession and deletion before giving up with a 503 (each one lost only to a new hand-over). */
const MAX_DELETION_ATTEMPTS = 5;

/**
 * Deletes the user and everything of theirs (accounts, sessions, tokens, roles) in one
 * transaction, which also records each of their sessions as revoked: their access tokens are
 * refused on every instance once its revocation set has synced (at once with `checkDatabase`),
 * and their refresh tokens fail at once. A sign-in finishing at the same moment either made its
 * session before, and it is revoked with the rest, or makes none (UserAdminStore.deleteUser).
 * Each organization the user owns is handed on to another member first, or deleted when it has
 * none (organizations/owner-succession.ts).
 */
export async function deleteUser(ctx: EngineContext, userId: string): Promise<{ status: "OK"; didUserExist: boolean }> {
  assertIdArgument(userId, "deleteUser: userId");
  let deleted: DeletedUser;
  let times: RevocationTimes | undefined;
  for (let attempt = 1; ; attempt++) {
    // First, so that no organization is left without an owner (owner-succession.ts). One handed
    // to the user, or created by them, after this ran makes the deletion refuse (it locks their
    // memberships): hand that one on too, and delete again.
    await handOverOrganizationsOf(ctx, userId);
    // Stamped by the store once it holds the user's row, each round: other instances sync
    // revocations by this time (revocation-set.ts), so it must not lag the commit by the
    // succession, nor by a wait for the row's lock.
    deleted = await ctx.stores.userAdmin.deleteUser(userId, () => (times = revocationTimes(ctx.now(), ctx.config.session.accessTokenTtlSeconds)));
    if (!deleted.stillOwnsOrganizations) break;
    // Only someone handing organizations to the user as fast as they are handed on gets here.
    if (attempt >= MAX_DELETION_ATTEMPTS)
      throw new GatehouseError("STORE_FAILED", "the user kept being given organizations while being deleted; try again");
  }
  const { didUserExist, revokedSessionHandles } = deleted;
  const stamped = times ?? revocationTimes(ctx.now(), ctx.config.session.accessTokenTtlSeconds);
  // Recorded already, with the deletion; this puts them in this instance's set at once and, on
  // PostgreSQL, tells the listening instances (the store's insert finds the rows and keeps them).
  // The deletion has committed: a failure here (the database going away) must not answer that
  // nothing was deleted, since the retry would find no user and the deletion would never be
  // logged. The set took the handles before its write; other instances sync the committed rows.
  await ctx.revocations
    .add(revokedSessionHandles.map((sessionHandle) => ({ sessionHandle, ...stamped })))
    .catch((error: unknown) =>
      ctx.log.warn({ event: "revocations.hand_on_failed", userId, error: String((error as Error)?.message ?? error) }, "revocations.hand_on_failed"),
    );
  if (didUserExist) logAuthEvent(ctx, "user.deleted", { userId });
  return { status: "OK", didUserExist };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The most days `getSignUpsPerDay` reads: a leap year's, for a chart of the last year. Each day is
 * one count query, all run at once, and one entry of the answer: without a bound, `days` straight
 * from a query string (1e9, or Infinity, which never finished building the list) made as many.
 */
export const MAX_SIGN_UP_STATS_DAYS = 366;

/**
 * Sign-ups per UTC day over the last `days` days, oldest first, today last (so far). Throws
 * INVALID_ARGUMENT unless `days` is a whole number from 1 to MAX_SIGN_UP_STATS_DAYS (366).
 * @default days 30
 */
export async function getSignUpsPerDay(ctx: EngineContext, days = 30): Promise<{ day: string; count: number }[]> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_SIGN_UP_STATS_DAYS) {
    throw new GatehouseError("INVALID_ARGUMENT", `getSignUpsPerDay: days must be a whole number from 1 to ${MAX_SIGN_UP_STATS_DAYS}, got ${days}`);
  }
  const todayStart = Math.floor(ctx.now().getTime() / DAY_MS) * DAY_MS;
  const starts = Array.from({ length: days }, (_, i) => todayStart - (days - 1 - i) * DAY_MS);
  const counts = await Promise.all(starts.map((start) => ctx.stores.userAdmin.countUsersJoinedBetween(new Date(start), new Date(start + DAY_MS))));
  return starts.map((start, i) => ({ day: new Date(start).toISOString().slice(0, 10), count: counts[i] }));
}
