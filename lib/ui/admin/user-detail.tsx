"use client";

import { useCallback, useEffect, useState } from "react";
import { AdminApiError, adminApi, formatTime, type AdminPaths, type AdminSession, type AdminUser } from "./admin-api";

export interface UserDetailProps extends Partial<AdminPaths> {
  userId: string;
  /** Where to go after the user is deleted. @default "/admin" */
  afterDelete?: string;
}

interface Loaded {
  user: AdminUser;
  roles: string[];
  allRoles: string[];
  sessions: AdminSession[];
}

/**
 * One user in the admin dashboard: sign-in methods, email verification, roles (grant,
 * remove), live sessions (revoke one or all) and deletion. Embeddable.
 */
export function UserDetail({ userId, apiBasePath = "/api/auth", signInPath = "/auth", afterDelete = "/admin" }: UserDetailProps) {
  const [data, setData] = useState<Loaded | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [roleToGrant, setRoleToGrant] = useState("");
  const base = `/users/${encodeURIComponent(userId)}`;

  const load = useCallback(async () => {
    const paths = { apiBasePath, signInPath };
    try {
      const [{ user }, { roles }, { sessions }, all] = await Promise.all([
        adminApi<{ user: AdminUser }>(paths, base),
        adminApi<{ roles: string[] }>(paths, `${base}/roles`),
        adminApi<{ sessions: AdminSession[] }>(paths, `${base}/sessions`),
        adminApi<{ roles: { role: string }[] }>(paths, "/roles"),
      ]);
      setData({ user, roles, sessions, allRoles: all.roles.map((r) => r.role) });
    } catch (e) {
      if (e instanceof AdminApiError && /UNKNOWN_USER/.test(e.message)) setMissing(true);
      else setError(e instanceof AdminApiError ? e.message : "The user could not be loaded.");
    }
  }, [apiBasePath, signInPath, base]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one change, then reloads; errors are shown, never thrown. */
  async function act(method: string, path: string, body?: unknown, then?: () => void) {
    setPending(true);
    setError(null);
    try {
      await adminApi({ apiBasePath, signInPath }, path, { method, body });
      if (then) then();
      else await load();
    } catch (e) {
      setError(e instanceof AdminApiError ? e.message : "That did not work.");
    } finally {
      setPending(false);
    }
  }

  if (missing) return <p role="alert" data-testid="user-missing">This user does not exist (any more).</p>;
  if (!data) return <p className="gh-muted" role="status">{error ?? "Loading the user…"}</p>;
  const { user, roles, allRoles, sessions } = data;
  const grantable = allRoles.filter((r) => !roles.includes(r));
  return (
    <div className="gh-admin-detail" data-testid="user-detail">
      <h1>{user.email ?? user.id}</h1>
      {error && <p className="gh-error" role="alert">{error}</p>}
      <section className="gh-card" aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        <dl className="gh-admin-facts">
          <dt>User id</dt>
          <dd><code data-testid="detail-user-id">{user.id}</code></dd>
          <dt>Joined</dt>
          <dd>{formatTime(user.timeJoined)}</dd>
          <dt>Email</dt>
          <dd>
            {user.email ?? "none"} · <span data-testid="email-verified">{user.emailVerified ? "verified" : "not verified"}</span>{" "}
            {!user.emailVerified && user.email && (
              <button className="gh-button gh-button-small" type="button" disabled={pending} onClick={() => act("POST", `${base}/email/verify`)}>
                Mark verified
              </button>
            )}
          </dd>
          <dt>Sign-in methods</dt>
          <dd>
            <ul className="gh-admin-list">
              {user.loginMethods.map((m, i) => (
                <li key={i}>{m.thirdParty ? `${m.thirdParty.id} (${m.email}, id ${m.thirdParty.userId})` : `email and password (${m.email})`}</li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>

      <section className="gh-card" aria-labelledby="roles-title">
        <h2 id="roles-title">Roles</h2>
        <ul className="gh-admin-list" data-testid="user-roles">
          {roles.length === 0 && <li className="gh-muted">No roles.</li>}
          {roles.map((role) => (
            <li key={role}>
              {role}{" "}
              <button className="gh-button gh-button-small" type="button" disabled={pending} onClick={() => act("DELETE", `${base}/roles/${encodeURIComponent(role)}`)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        {grantable.length > 0 && (
          <div className="gh-admin-inline">
            <label htmlFor="grant-role">Grant role</label>
            <select id="grant-role" value={roleToGrant} onChange={(e) => setRoleToGrant(e.target.value)}>
              <option value="">Choose…</option>
              {grantable.map((r) => (
                <option key={r} value={r}>{r}</option>
              ))}
            </select>
            <button className="gh-button gh-button-small" type="button" disabled={pending || !roleToGrant} onClick={() => act("PUT", `${base}/roles/${encodeURIComponent(roleToGrant)}`, undefined, () => { setRoleToGrant(""); void load(); })}>
              Grant
            </button>
          </div>
        )}
        <p className="gh-muted">A change reaches the user&apos;s sessions at their next refresh.</p>
      </section>

      <section className="gh-card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions ({sessions.length})</h2>
        <ul className="gh-session-list" data-testid="admin-session-list">
          {sessions.map((s) => (
            <li key={s.sessionHandle} className="gh-card" data-testid="admin-session">
              <p><strong>{s.userAgent ?? "Unknown device"}</strong></p>
              <p className="gh-muted">IP {s.ip ?? "unknown"} · signed in {formatTime(s.createdAt)} · last active {formatTime(s.lastActiveAt)}</p>
              <button className="gh-button gh-button-small" type="button" disabled={pending} onClick={() => act("POST", `${base}/sessions/revoke`, { sessionHandle: s.sessionHandle })}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
        {sessions.length === 0 && <p className="gh-muted">No live sessions.</p>}
        {sessions.length > 1 && (
          <button className="gh-button" type="button" disabled={pending} onClick={() => act("POST", `${base}/sessions/revoke`, { all: true })}>
            Revoke all sessions
          </button>
        )}
      </section>

      <section className="gh-card gh-admin-danger" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete</h2>
        <p className="gh-muted">Removes the user, their sign-in methods, sessions and roles. It cannot be undone.</p>
        {!confirmDelete ? (
          <button className="gh-button" type="button" disabled={pending} onClick={() => setConfirmDelete(true)}>
            Delete user
          </button>
        ) : (
          <div className="gh-admin-inline" role="group" aria-label="Confirm deletion">
            <button className="gh-button gh-button-danger" type="button" disabled={pending} onClick={() => act("DELETE", base, undefined, () => window.location.assign(afterDelete))}>
              Delete permanently
            </button>
            <button className="gh-button" type="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
