import type { EmailPasswordAccountRow, UserRow } from "../ports";
import type { PasswordlessAccountRow, PasswordlessCodeRow, PasswordlessDeviceRow, PasswordlessStore } from "../ports/passwordless-store";

const clone = <T>(value: T): T => structuredClone(value);

/**
 * PasswordlessStore in memory, over the memory user store's own maps (so that emails stay
 * unique across sign-in methods). Each method runs without an await between its check and its
 * write, which is what makes it atomic here.
 */
export function createMemoryPasswordlessStore(
  users: Map<string, UserRow>,
  passwordAccounts: Map<string, EmailPasswordAccountRow>,
  /** By user id; shared with the memory user store, whose email change moves them. */
  accounts = new Map<string, PasswordlessAccountRow>(),
): PasswordlessStore {
  const devices = new Map<string, PasswordlessDeviceRow>();
  const codes = new Map<string, PasswordlessCodeRow>();
  // Users deleted from the shared map take their accounts with them (ON DELETE CASCADE).
  const liveAccounts = () => [...accounts.values()].filter((a) => users.has(a.userId));
  const codesOf = (id: string) => [...codes.values()].filter((c) => c.preAuthSessionId === id);
  const matches = (device: PasswordlessDeviceRow, contact: { email: string } | { phoneNumber: string }) =>
    "email" in contact ? device.email === contact.email : device.phoneNumber === contact.phoneNumber;
  const remove = (id: string) => {
    for (const code of codesOf(id)) codes.delete(code.id);
    return devices.delete(id);
  };

  return {
    async createDevice(device, code) {
      devices.set(device.preAuthSessionId, clone(device));
      codes.set(code.id, clone(code));
    },
    async addCode(code) {
      if (!devices.has(code.preAuthSessionId)) return false;
      codes.set(code.id, clone(code));
      return true;
    },
    async getDevice(id) {
      const device = devices.get(id);
      return device ? { device: clone(device), codes: codesOf(id).map(clone) } : null;
    },
    async findCodeByLinkCodeHash(hash) {
      const code = [...codes.values()].find((c) => c.linkCodeHash === hash);
      const device = code && devices.get(code.preAuthSessionId);
      return code && device ? { device: clone(device), code: clone(code) } : null;
    },
    async countAttempt(id, maxAttempts) {
      const device = devices.get(id);
      if (!device || device.failedAttempts >= maxAttempts) return null;
      device.failedAttempts += 1;
      return device.failedAttempts;
    },
    async deleteDevice(id) {
      return remove(id);
    },
    async deleteDevicesFor(contact) {
      const ids = [...devices.values()].filter((d) => matches(d, contact)).map((d) => d.preAuthSessionId);
      ids.forEach(remove);
      return ids.length;
    },
    async deleteDevicesCreatedBefore(before) {
      const ids = [...devices.values()].filter((d) => d.createdAt.getTime() <= before.getTime()).map((d) => d.preAuthSessionId);
      ids.forEach(remove);
      return ids.length;
    },
    async findAccount(contact) {
      const account = liveAccounts().find((a) => ("email" in contact ? a.email === contact.email : a.phoneNumber === contact.phoneNumber));
      return account ? { account: clone(account), user: clone(users.get(account.userId)!) } : null;
    },
    async getAccountByUserId(userId) {
      const account = liveAccounts().find((a) => a.userId === userId);
      return account ? clone(account) : null;
    },
    async deleteAccountForUser(userId) {
      // A deleted user's account went with it (ON DELETE CASCADE): nothing to remove.
      const live = users.has(userId) && accounts.has(userId);
      accounts.delete(userId);
      return live;
    },
    async createPasswordlessUser({ user, account }) {
      const taken =
        (user.email !== null && ([...users.values()].some((u) => u.email === user.email) || passwordAccounts.has(user.email))) ||
        liveAccounts().some(
          (a) => (account.email !== null && a.email === account.email) || (account.phoneNumber !== null && a.phoneNumber === account.phoneNumber),
        );
      if (taken) return { status: "CONTACT_ALREADY_EXISTS" };
      users.set(user.id, clone(user));
      accounts.set(user.id, { ...clone(account), userId: user.id });
      return { status: "OK", user: clone(user) };
    },
    async linkEmailToVerifiedUser({ userId, email }) {
      const owner = users.get(userId);
      if (!owner || owner.email !== email || !owner.emailVerified) return { status: "USER_NOT_ELIGIBLE" };
      if (liveAccounts().some((a) => a.email === email && a.userId !== userId)) return { status: "CONTACT_ALREADY_EXISTS" };
      const existing = accounts.get(userId);
      accounts.set(userId, { userId, email, phoneNumber: existing && users.has(existing.userId) ? existing.phoneNumber : null });
      return { status: "OK" };
    },
  };
}
