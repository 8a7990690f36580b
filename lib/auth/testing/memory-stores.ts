import type { StoredSessionRow, SigningKeyRow, Stores, UserRow, EmailPasswordAccountRow, OrganizationRow, TotpDeviceRow } from "../ports";
import { createMemoryEmailTokenStore } from "./memory-email-token-store";
import { createMemoryApiKeyStore } from "./memory-api-key-store";
import { createMemoryAuditStore } from "./memory-audit-store";
import { createMemoryRoleStore } from "./memory-role-store";
import { createMemoryRevocationStore } from "./memory-revocation-store";
import { createMemoryThirdPartyStore } from "./memory-third-party-store";
import { createMemoryUserAdminStore } from "./memory-user-admin-store";
import { createMemoryPasswordlessStore } from "./memory-passwordless-store";
import { createMemoryMfaStore } from "./memory-mfa-store";
import { createMemoryWebauthnStore } from "./memory-webauthn-store";
import { createMemoryImportStore } from "./memory-import-store";
import { createMemoryEmailRewriteStore } from "./memory-email-rewrite-store";
import type { ThirdPartyAccountRow } from "../ports/third-party-store";
import type { WebauthnCredentialRow } from "../ports/webauthn-store";
import type { PasswordlessAccountRow } from "../ports/passwordless-store";
import { createMemoryOrganizationStore } from "./memory-organization-store";
import { createMemorySealedSecretStore } from "./memory-sealed-secret-store";
import { effectiveAbsoluteExpiry, isSessionLive, isWithinStoredExpiry } from "../session/session-liveness";

const clone = <T>(value: T): T => structuredClone(value);

/**
 * In-memory stores for unit tests. They honour the same contract as the Prisma stores
 * (lib/store/stores.contract.ts runs against them too), including the compare-and-swap.
 */
export function createMemoryStores(): Stores {
  const users = new Map<string, UserRow>();
  const accounts = new Map<string, EmailPasswordAccountRow>();
  const sessions = new Map<string, StoredSessionRow>();
  // No foreign keys here, and unit tests make sessions for users they never created: only a user
  // deleted through userAdmin is known to be gone, and a session for them is refused.
  const deletedUserIds = new Set<string>();
  const keys = new Map<string, SigningKeyRow>();
  const identities = new Map<string, ThirdPartyAccountRow>();
  const passkeys = new Map<string, WebauthnCredentialRow>();
  const passwordlessAccounts = new Map<string, PasswordlessAccountRow>();
  // A user with a passkey or a passwordless account (releaseUnprovenEmail's "sign-up" claimant).
  const hasOwnSignIn = (userId: string) =>
    [...passkeys.values()].some((c) => c.userId === userId) || [...passwordlessAccounts.values()].some((a) => a.userId === userId);
  // releaseUnprovenEmail's release takes the address off the holder's passwordless account too.
  const dropPasswordlessEmail = (userId: string, email: string) => {
    const account = passwordlessAccounts.get(userId);
    if (!account || account.email !== email) return;
    if (account.phoneNumber === null) passwordlessAccounts.delete(userId);
    else passwordlessAccounts.set(userId, { ...account, email: null });
  };
  const roles = createMemoryRoleStore();
  const totpDevices = new Map<string, TotpDeviceRow>();
  const organizations = new Map<string, OrganizationRow>();

  const stores: Stores = {
    userAdmin: createMemoryUserAdminStore({ users, accounts, sessions, deletedUserIds }, () => stores),
    apiKeys: createMemoryApiKeyStore(),
    audit: createMemoryAuditStore(),
    roles,
    revocations: createMemoryRevocationStore(),
    thirdParty: createMemoryThirdPartyStore(users, accounts, identities, hasOwnSignIn, dropPasswordlessEmail),
    imports: createMemoryImportStore({ users, accounts, identities, roles }),
    emailRewrites: createMemoryEmailRewriteStore({ users, accounts, identities, passwordlessAccounts }),
    passwordless: createMemoryPasswordlessStore(users, accounts, passwordlessAccounts),
    mfa: createMemoryMfaStore(users, sessions, totpDevices),
    webauthn: createMemoryWebauthnStore(users, accounts, passkeys),
    webauthnRecoverTokens: createMemoryEmailTokenStore(),
    organizations: createMemoryOrganizationStore(users, organizations),
    sealedSecrets: createMemorySealedSecretStore({ users, totpDevices, organizations }),
    emailVerificationTokens: createMemoryEmailTokenStore(),
    passwordResetTokens: createMemoryEmailTokenStore(),
    users: {
      async createEmailPasswordUser({ id, email, passwordHash, timeJoined }) {
        if (accounts.has(email) || [...users.values()].some((u) => u.email === email)) {
          return { status: "EMAIL_ALREADY_EXISTS_ERROR" };
        }
        const user: UserRow = { id, email, emailVerified: false, timeJoined };
        users.set(id, user);
        accounts.set(email, { userId: id, email, passwordHash });
        return { status: "OK", user: clone(user) };
      },
      async findEmailPasswordAccountByEmail(email) {
        const account = accounts.get(email);
        const user = account && users.get(account.userId);
        return account && user ? { user: clone(user), account: clone(account) } : null;
      },
      async getUserById(id) {
        const user = users.get(id);
        return user ? clone(user) : null;
      },
      async getUsersByIds(ids) {
        return [...new Set(ids)].flatMap((id) => (users.has(id) ? [clone(users.get(id)!)] : []));
      },
      async markEmailVerified(userId, email) {
        const user = users.get(userId);
        if (!user || user.email !== email) return false;
        user.emailVerified = true;
        return true;
      },
      async updatePasswordHash(userId, passwordHash) {
        const account = [...accounts.values()].find((a) => a.userId === userId);
        if (!account) return false;
        account.passwordHash = passwordHash;
        return true;
      },
      async replacePasswordHash(userId, expectedHash, passwordHash) {
        const account = [...accounts.values()].find((a) => a.userId === userId);
        if (!account || account.passwordHash !== expectedHash) return false;
        account.passwordHash = passwordHash;
        return true;
      },
      async updateEmail(userId, email) {
        const user = users.get(userId);
        if (!user) return { status: "UNKNOWN_USER_ID_ERROR" };
        if (user.email === email) return { status: "OK" };
        const passwordlessHolder = [...passwordlessAccounts.values()].find((a) => a.email === email && users.has(a.userId));
        if ([...users.values()].some((u) => u.email === email) || accounts.has(email) || passwordlessHolder)
          return { status: "EMAIL_ALREADY_EXISTS_ERROR" };
        const account = [...accounts.values()].find((a) => a.userId === userId);
        if (account) {
          accounts.delete(account.email);
          accounts.set(email, { ...account, email });
        }
        const passwordless = passwordlessAccounts.get(userId);
        if (passwordless?.email) passwordlessAccounts.set(userId, { ...passwordless, email });
        users.set(userId, { ...user, email, emailVerified: false });
        return { status: "OK" };
      },
    },
    sessions: {
      async createSession(row, auditEvent, onlyWhilePasswordHash) {
        if (deletedUserIds.has(row.userId)) return false;
        if (onlyWhilePasswordHash !== undefined) {
          const account = [...accounts.values()].find((a) => a.userId === row.userId);
          if (account?.passwordHash !== onlyWhilePasswordHash) return false;
        }
        // No await between the check and the write: atomic, as the contract asks. A refused
        // audit row takes the session with it: both rows or neither.
        sessions.set(row.sessionHandle, { ...clone(row), payloadVersion: 0 });
        if (auditEvent) {
          try {
            await stores.audit.insertEvent(auditEvent);
          } catch (error) {
            sessions.delete(row.sessionHandle);
            throw error;
          }
        }
        return true;
      },
      async getSession(handle) {
        const row = sessions.get(handle);
        return row ? clone(row) : null;
      },
      async rotateRefreshToken(handle, expected, next, onlyIf) {
        const row = sessions.get(handle);
        if (!row || row.refreshTokenHash !== expected) return false;
        if (onlyIf) {
          const { liveAt, absoluteAtLeast, lifetimes } = onlyIf;
          if (!isSessionLive(row, liveAt, lifetimes) || effectiveAbsoluteExpiry(row, lifetimes) < absoluteAtLeast) return false;
        }
        sessions.set(handle, { ...row, ...clone(next) });
        return true;
      },
      async getSessionForAccessToken(handle) {
        const row = sessions.get(handle);
        if (!row) return null;
        const [roles, permissions] = await Promise.all([stores.roles.getRolesForUser(row.userId), stores.roles.getPermissionsForUser(row.userId)]);
        const user = users.get(row.userId);
        // A missing user counts as having an address, so that its claim stays false (as on the databases).
        const hasEmail = !user || user.email !== null || [...identities.values()].some((identity) => identity.userId === row.userId);
        const facts = { emailVerified: user?.emailVerified ?? false, hasEmail, roles, permissions };
        return { userId: row.userId, jwtPayload: clone(row.jwtPayload), facts, createdAt: row.createdAt };
      },
      async rotateAndReadForAccessToken(handle, expected, next, onlyIf) {
        if (!(await stores.sessions.rotateRefreshToken(handle, expected, next, onlyIf))) return null;
        return stores.sessions.getSessionForAccessToken(handle);
      },
      async updateSession(handle, patch, liveAt) {
        const row = sessions.get(handle);
        if (!row || (liveAt && !isWithinStoredExpiry(row, liveAt))) return false;
        sessions.set(handle, { ...row, ...clone(patch) });
        return true;
      },
      async replaceJwtPayload(handle, expectedPayloadVersion, jwtPayload, liveAt) {
        const row = sessions.get(handle);
        if (!row || row.payloadVersion !== expectedPayloadVersion || (liveAt && !isWithinStoredExpiry(row, liveAt))) return false;
        sessions.set(handle, { ...row, jwtPayload: clone(jwtPayload), payloadVersion: row.payloadVersion + 1 });
        return true;
      },
      async deleteSession(handle) {
        return sessions.delete(handle);
      },
      async deleteSessions(handles) {
        handles.forEach((h) => sessions.delete(h));
        return [...handles];
      },
      async deleteSessionsForUser(userId) {
        const handles = [...sessions.values()].filter((s) => s.userId === userId).map((s) => s.sessionHandle);
        handles.forEach((h) => sessions.delete(h));
        return handles;
      },
      async deleteSessionsExpiredBefore(before) {
        const expired = [...sessions.values()].filter((s) => s.expiresAt.getTime() <= before.getTime());
        expired.forEach((s) => sessions.delete(s.sessionHandle));
        return expired.length;
      },
      async listSessionsOfOrganizationMembers(organizationId, onlyUserId) {
        const listed = (await stores.organizations.listMembers(organizationId)).map((m) => m.userId);
        const members = new Set(onlyUserId === undefined ? listed : listed.filter((userId) => userId === onlyUserId));
        return [...sessions.values()]
          .filter((s) => members.has(s.userId))
          .map((s) => ({ sessionHandle: s.sessionHandle, userId: s.userId, jwtPayload: clone(s.jwtPayload) }));
      },
      async listSessionsForUser(userId, now) {
        return [...sessions.values()]
          .filter((s) => s.userId === userId && s.expiresAt.getTime() > now.getTime())
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .map(clone);
      },
      async listSessionHandlesForUser(userId, now) {
        return [...sessions.values()].filter((s) => s.userId === userId && s.expiresAt.getTime() > now.getTime()).map((s) => s.sessionHandle);
      },
    },
    signingKeys: {
      async listVerifyingKeys(now) {
        return [...keys.values()]
          .filter((k) => k.verifyUntil.getTime() > now.getTime())
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
          .map(clone);
      },
      async insertKey(row) {
        if (keys.has(row.kid)) return false;
        keys.set(row.kid, clone(row));
        return true;
      },
      async updateKeyWindows(kid, windows, expectedMac) {
        const row = keys.get(kid);
        if (!row) return false;
        if (expectedMac !== undefined && row.mac !== expectedMac) return false;
        keys.set(kid, { ...row, ...clone(windows) });
        return true;
      },
      async deleteExpiredKeys(now) {
        let removed = 0;
        for (const [kid, row] of keys) {
          if (row.verifyUntil.getTime() <= now.getTime()) {
            keys.delete(kid);
            removed++;
          }
        }
        return removed;
      },
    },
  };
  return stores;
}
