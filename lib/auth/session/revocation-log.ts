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
 *
 * The revocation is recorded before the rows go: the two are separate writes, and recorded after,
 * a failure between them (the database going away) would leave the row gone and the revocation
 * unrecorded, so that a retry found nothing to revoke and the other instances kept accepting the
 * session's access tokens until they expired. Recorded first, a failure leaves the session as it
 * was and the caller's retry does both; a revocation recorded for a row that then was not deleted
 * only refuses access tokens a little sooner.
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
      await record([sessionHandle]);
      return sessions.deleteSession(sessionHandle);
    },
    async deleteSessions(sessionHandles) {
      await record(sessionHandles);
      return sessions.deleteSessions(sessionHandles);
    },
    async deleteSessionsForUser(userId) {
      // The user's sessions as they are now, recorded first; any that appears before the
      // deletion ends (a sign-in meanwhile) is recorded once it is gone.
      const known = await sessions.listSessionHandlesForUser(userId, options.now());
      await record(known);
      const handles = await sessions.deleteSessionsForUser(userId);
      const recorded = new Set(known);
      await record(handles.filter((handle) => !recorded.has(handle)));
      return handles;
    },
  };
}
