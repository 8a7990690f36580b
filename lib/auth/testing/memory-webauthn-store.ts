import type { EmailPasswordAccountRow, UserRow } from "../ports";
import type { WebauthnCredentialRow, WebauthnOptionsRow, WebauthnStore } from "../ports/webauthn-store";

const clone = <T>(value: T): T => structuredClone(value);

/**
 * WebauthnStore in memory, over the memory user store's own maps (so that emails stay unique
 * across sign-in methods). No await sits between a check and its write: that is what makes each
 * method atomic here, as the contract asks.
 */
export function createMemoryWebauthnStore(
  users: Map<string, UserRow>,
  passwordAccounts: Map<string, EmailPasswordAccountRow>,
  credentials = new Map<string, WebauthnCredentialRow>(),
): WebauthnStore {
  const options = new Map<string, WebauthnOptionsRow>();
  // Users deleted from the shared map take their passkeys with them (ON DELETE CASCADE).
  const live = (id: string) => {
    const credential = credentials.get(id);
    return credential && users.has(credential.userId) ? credential : undefined;
  };
  const emailTaken = (email: string) => passwordAccounts.has(email) || [...users.values()].some((u) => u.email === email);

  return {
    async saveOptions(row) {
      options.set(row.id, clone(row));
    },
    async consumeOptions(id) {
      const row = options.get(id);
      if (!row) return null;
      options.delete(id);
      return clone(row);
    },
    async deleteOptionsExpiredBefore(before) {
      let count = 0;
      for (const [id, row] of options) if (row.expiresAt.getTime() <= before.getTime() && options.delete(id)) count++;
      return count;
    },
    async createWebauthnUser({ user, credential }) {
      if (user.email !== null && emailTaken(user.email)) return { status: "EMAIL_ALREADY_EXISTS" };
      if (live(credential.id)) return { status: "CREDENTIAL_ALREADY_EXISTS" };
      users.set(user.id, clone(user));
      credentials.set(credential.id, clone(credential));
      return { status: "OK", user: clone(user) };
    },
    async addCredential(credential) {
      if (!users.has(credential.userId)) return { status: "USER_NOT_FOUND" };
      if (live(credential.id)) return { status: "CREDENTIAL_ALREADY_EXISTS" };
      credentials.set(credential.id, clone(credential));
      return { status: "OK" };
    },
    async findCredential(id) {
      const credential = live(id);
      const user = credential && users.get(credential.userId);
      return credential && user ? { credential: clone(credential), user: clone(user) } : null;
    },
    async listCredentials(userId) {
      return [...credentials.values()]
        .filter((c) => c.userId === userId && users.has(userId))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map(clone);
    },
    async recordUse({ id, expectedCounter, counter, usedAt }) {
      const credential = live(id);
      if (!credential || credential.counter !== expectedCounter) return false;
      credential.counter = counter;
      credential.lastUsedAt = new Date(usedAt);
      return true;
    },
    async renameCredential({ id, userId, name }) {
      const credential = live(id);
      if (!credential || credential.userId !== userId) return false;
      credential.name = name;
      return true;
    },
    async deleteCredential({ id, userId }) {
      const credential = live(id);
      if (!credential || credential.userId !== userId) return false;
      return credentials.delete(id);
    },
  };
}
