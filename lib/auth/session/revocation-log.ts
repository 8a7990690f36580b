import type { RevocationTimes, SessionStore } from "../ports";
import type { RevocationSet } from "./revocation-set";

/** A revocation made at `now`: an access token minted just before it lives one TTL more, plus clock slack. */
export function revocationTimes(now: Date, accessTokenTtlSeconds: number): RevocationTimes {
  return { revokedAt: now, expiresAt: new Date(now.getTime() + (accessTokenTtlSeconds + 60) * 1000) };
}

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
  const record = (handles: string[]) => {
    const times = revocationTimes(options.now(), options.accessTokenTtlSeconds);
    return revocations.add(handles.map((sessionHandle) => ({ sessionHandle, ...times })));
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
