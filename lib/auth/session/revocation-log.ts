import type { SessionStore } from "../ports";
import type { RevocationSet } from "./revocation-set";

/**
 * Wraps the session store so that every deletion of a session row — sign-out, revoke, revoke
 * all, theft, password reset, user deletion, organization deletion — is also recorded as a revocation, whoever asked
 * for it. Recording in one place means no revocation path can forget it.
 */
export function withRevocationLog(
  sessions: SessionStore,
  revocations: RevocationSet,
  options: { now: () => Date; accessTokenTtlSeconds: number },
): SessionStore {
  // An access token minted just before the revocation lives one TTL more, plus clock slack.
  const record = (handles: string[]) => {
    const revokedAt = options.now();
    const expiresAt = new Date(revokedAt.getTime() + (options.accessTokenTtlSeconds + 60) * 1000);
    return revocations.add(handles.map((sessionHandle) => ({ sessionHandle, revokedAt, expiresAt })));
  };
  return {
    ...sessions,
    async deleteSession(sessionHandle) {
      const deleted = await sessions.deleteSession(sessionHandle);
      if (deleted) await record([sessionHandle]);
      return deleted;
    },
    async deleteSessions(sessionHandles) {
      const handles = await sessions.deleteSessions(sessionHandles);
      await record(handles);
      return handles;
    },
    async deleteSessionsForUser(userId) {
      const handles = await sessions.deleteSessionsForUser(userId);
      await record(handles);
      return handles;
    },
  };
}
