import type { EmailPasswordAccountRow, UserRow } from "../ports";
import type { ThirdPartyAccountRow, ThirdPartyStore } from "../ports/third-party-store";

const clone = <T>(value: T): T => structuredClone(value);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (thirdPartyId: string, thirdPartyUserId: string) => JSON.stringify([thirdPartyId, thirdPartyUserId]);
/** The key of `accounts` below, for the memory import store that shares the map. */
export const memoryIdentityKey = key;

/**
 * ThirdPartyStore in memory, over the memory user store's own maps (so that emails stay unique
 * across sign-in methods, as the database's unique index keeps them). Each method runs without
 * an await between its check and its write, which is what makes it atomic here.
 */
export function createMemoryThirdPartyStore(
  users: Map<string, UserRow>,
  passwordAccounts: Map<string, EmailPasswordAccountRow>,
  accounts = new Map<string, ThirdPartyAccountRow>(),
  /** Whether the user has a passkey or a passwordless account (kept by the memory stores of those). */
  hasOwnSignIn: (userId: string) => boolean = () => false,
  /** Takes `email` off the user's passwordless account (kept by the memory passwordless store), as releaseUnprovenEmail must. */
  dropPasswordlessEmail: (userId: string, email: string) => void = () => undefined,
): ThirdPartyStore {
  // Users deleted from the shared map (admin deletion) take their identities with them, as the
  // database's ON DELETE CASCADE does.
  const live = (account: ThirdPartyAccountRow | undefined) => (account && users.has(account.userId) ? account : undefined);

  return {
    async findAccount(thirdPartyId, thirdPartyUserId) {
      const account = live(accounts.get(key(thirdPartyId, thirdPartyUserId)));
      return account ? { account: clone(account), user: clone(users.get(account.userId)!) } : null;
    },
    async findUserByEmail(email) {
      const user = [...users.values()].find((u) => u.email === email);
      return user ? clone(user) : null;
    },
    async createThirdPartyUser({ user, account }) {
      if (live(accounts.get(key(account.thirdPartyId, account.thirdPartyUserId)))) return { status: "ACCOUNT_ALREADY_EXISTS" };
      if (user.email !== null && ([...users.values()].some((u) => u.email === user.email) || passwordAccounts.has(user.email))) {
        return { status: "EMAIL_ALREADY_EXISTS_ERROR" };
      }
      users.set(user.id, clone(user));
      accounts.set(key(account.thirdPartyId, account.thirdPartyUserId), { ...clone(account), userId: user.id });
      return { status: "OK", user: clone(user) };
    },
    async linkAccountToVerifiedUser({ userId, email, account }) {
      const user = users.get(userId);
      if (!user || user.email !== email || !user.emailVerified) return { status: "USER_NOT_ELIGIBLE" };
      if (live(accounts.get(key(account.thirdPartyId, account.thirdPartyUserId)))) return { status: "ACCOUNT_ALREADY_EXISTS" };
      accounts.set(key(account.thirdPartyId, account.thirdPartyUserId), { ...clone(account), userId });
      return { status: "OK" };
    },
    async claimEmail(userId, email) {
      const user = users.get(userId);
      if (!user || user.email !== null) return false;
      if ([...users.values()].some((u) => u.email === email) || passwordAccounts.has(email)) return false;
      users.set(userId, { ...user, email, emailVerified: true });
      return true;
    },
    async releaseUnprovenEmail(userId, email, claimant) {
      const user = users.get(userId);
      if (!user || user.email !== email || user.emailVerified) return false;
      if ([...passwordAccounts.values()].some((a) => a.userId === userId)) return false;
      if (claimant === "sign-up" && hasOwnSignIn(userId)) return false;
      users.set(userId, { ...user, email: null });
      dropPasswordlessEmail(userId, email);
      return true;
    },
    async updateAccountEmail(accountId, email) {
      for (const account of accounts.values()) if (account.id === accountId) account.email = email;
    },
    async deleteAccountsForUser(userId) {
      const keys = [...accounts.entries()].filter(([, account]) => account.userId === userId).map(([k]) => k);
      for (const k of keys) accounts.delete(k);
      return keys.length;
    },
    async getLoginMethods(userId) {
      const user = users.get(userId);
      if (!user) return null;
      return {
        user: clone(user),
        hasPassword: [...passwordAccounts.values()].some((a) => a.userId === userId),
        thirdPartyAccounts: [...accounts.values()]
          .filter((a) => a.userId === userId)
          .sort((a, b) => compare(a.thirdPartyId, b.thirdPartyId) || compare(a.thirdPartyUserId, b.thirdPartyUserId))
          .map(clone),
      };
    },
  };
}
