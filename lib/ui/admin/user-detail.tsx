"use client";

import { useCallback, useEffect, useState } from "react";
import { en } from "../../i18n/en";
import { format } from "../../i18n/index";
import {
  AdminApiError,
  adminApi,
  adminErrorText,
  formatTime,
  type AdminImportOrigin,
  type AdminPaths,
  type AdminSession,
  type AdminUser,
} from "./admin-api";
import { pickMessages, type MessagesOf } from "../client-messages";
import { USER_DETAIL_MESSAGES } from "./admin-messages";

const ENGLISH = pickMessages(en, USER_DETAIL_MESSAGES);

export interface UserDetailProps extends Partial<AdminPaths> {
  userId: string;
  /** Where to go after the user is deleted. @default "/admin" */
  afterDelete?: string;
  /** The strings it shows, `pickMessages(t, USER_DETAIL_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof USER_DETAIL_MESSAGES)[number]>;
  /** The language dates are written in, e.g. "de". @default the browser's */
  locale?: string;
}

interface Loaded {
  user: AdminUser;
  imported: AdminImportOrigin | null;
  roles: string[];
  allRoles: string[];
  sessions: AdminSession[];
}

/**
 * One user in the admin dashboard: sign-in methods, email verification, where an imported user
 * came from (and whether its password hash has been upgraded), roles (grant, remove), live
 * sessions (revoke one or all) and deletion. Embeddable.
 */
export function UserDetail({
  userId,
  apiBasePath = "/api/auth",
  signInPath = "/auth",
  afterDelete = "/admin",
  messages: t = ENGLISH,
  locale,
}: UserDetailProps) {
  const when = (ms: number) => formatTime(ms, locale);
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
      const [{ user, imported }, { roles }, { sessions }, all] = await Promise.all([
        adminApi<{ user: AdminUser; imported?: AdminImportOrigin | null }>(paths, base),
        adminApi<{ roles: string[] }>(paths, `${base}/roles`),
        adminApi<{ sessions: AdminSession[] }>(paths, `${base}/sessions`),
        adminApi<{ roles: { role: string }[] }>(paths, "/roles"),
      ]);
      setData({ user, imported: imported ?? null, roles, sessions, allRoles: all.roles.map((r) => r.role) });
    } catch (e) {
      if (e instanceof AdminApiError && e.status === "UNKNOWN_USER_ERROR") setMissing(true);
      else setError(adminErrorText(e, t, t.adminUserLoadFailed));
    }
  }, [apiBasePath, signInPath, base, t]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only after its fetches resolve (the rule cannot see the await: react/react#34905)
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
      setError(adminErrorText(e, t, t.adminActionFailed));
    } finally {
      setPending(false);
    }
  }

  if (missing)
    return (
      <p role="alert" data-testid="user-missing">
        {t.adminUserMissing}
      </p>
    );
  if (!data)
    return (
      <p className="gh-muted" role="status">
        {error ?? t.adminLoadingUser}
      </p>
    );
  const { user, imported, roles, allRoles, sessions } = data;
  const grantable = allRoles.filter((r) => !roles.includes(r));
  return (
    <div className="gh-admin-detail" data-testid="user-detail">
      <h1>{user.email ?? user.id}</h1>
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
      <section className="gh-card" aria-labelledby="account-title">
        <h2 id="account-title">{t.adminAccount}</h2>
        <dl className="gh-admin-facts">
          <dt>{t.adminUserId}</dt>
          <dd>
            <code data-testid="detail-user-id">{user.id}</code>
          </dd>
          <dt>{t.adminJoined}</dt>
          <dd>{when(user.timeJoined)}</dd>
          {imported && (
            <>
              <dt>{t.adminImported}</dt>
              <dd data-testid="imported-from">
                {format(t.adminImportedFrom, { source: imported.source, date: when(imported.importedAt), externalId: imported.externalId })}
              </dd>
              {imported.password && (
                <>
                  <dt>{t.adminPasswordHash}</dt>
                  <dd data-testid="imported-hash">
                    {imported.password.upgraded ? t.adminHashUpgraded : format(t.adminHashAsImported, { format: imported.password.hashFormat })}
                  </dd>
                </>
              )}
            </>
          )}
          <dt>{t.email}</dt>
          <dd>
            {user.email ?? t.noEmail} ·{" "}
            <span data-testid="email-verified">{user.emailVerified ? t.adminEmailVerified : t.adminEmailNotVerified}</span>{" "}
            {!user.emailVerified && user.email && (
              <button className="gh-button gh-button-small" type="button" disabled={pending} onClick={() => act("POST", `${base}/email/verify`)}>
                {t.adminMarkVerified}
              </button>
            )}
          </dd>
          <dt>{t.adminSignInMethods}</dt>
          <dd>
            <ul className="gh-admin-list">
              {user.loginMethods.map((m, i) => (
                <li key={i}>
                  {m.thirdParty
                    ? format(t.adminThirdPartyMethod, { provider: m.thirdParty.id, email: m.email, providerUserId: m.thirdParty.userId })
                    : m.recipeId === "passwordless"
                      ? format(t.adminPasswordlessMethod, { contact: m.phoneNumber ?? m.email })
                      : format(t.adminEmailPasswordMethod, { email: m.email })}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>

      <section className="gh-card" aria-labelledby="roles-title">
        <h2 id="roles-title">{t.adminRoles}</h2>
        <ul className="gh-admin-list" data-testid="user-roles">
          {roles.length === 0 && <li className="gh-muted">{t.adminNoRoles}</li>}
          {roles.map((role) => (
            <li key={role}>
              {role}{" "}
              <button
                className="gh-button-secondary gh-button-danger"
                type="button"
                disabled={pending}
                onClick={() => act("DELETE", `${base}/roles/${encodeURIComponent(role)}`)}
              >
                {t.adminRemoveRole}
              </button>
            </li>
          ))}
        </ul>
        {grantable.length > 0 && (
          <div className="gh-admin-inline">
            <label htmlFor="grant-role">{t.adminGrantRole}</label>
            <select id="grant-role" value={roleToGrant} onChange={(e) => setRoleToGrant(e.target.value)}>
              <option value="">{t.adminChooseRole}</option>
              {grantable.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <button
              className="gh-button gh-button-small"
              type="button"
              disabled={pending || !roleToGrant}
              onClick={() =>
                act("PUT", `${base}/roles/${encodeURIComponent(roleToGrant)}`, undefined, () => {
                  setRoleToGrant("");
                  void load();
                })
              }
            >
              {t.adminGrant}
            </button>
          </div>
        )}
        <p className="gh-muted">{t.adminRolesApplyLater}</p>
      </section>

      <section className="gh-card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{format(t.adminSessionsTitle, { count: sessions.length.toLocaleString(locale) })}</h2>
        <ul className="gh-session-list" data-testid="admin-session-list">
          {sessions.map((s) => (
            <li key={s.sessionHandle} className="gh-card" data-testid="admin-session">
              <p>
                <strong>{s.userAgent ?? t.unknownDevice}</strong>
              </p>
              <p className="gh-muted">
                {format(t.sessionDetails, { ip: s.ip ?? t.unknownIp, createdAt: when(s.createdAt), lastActiveAt: when(s.lastActiveAt) })}
              </p>
              <button
                className="gh-button-secondary gh-button-danger"
                type="button"
                disabled={pending}
                onClick={() => act("POST", `${base}/sessions/revoke`, { sessionHandle: s.sessionHandle })}
              >
                {t.adminRevoke}
              </button>
            </li>
          ))}
        </ul>
        {sessions.length === 0 && <p className="gh-muted">{t.adminNoSessions}</p>}
        {sessions.length > 1 && (
          <button
            className="gh-button gh-button-danger"
            type="button"
            disabled={pending}
            onClick={() => act("POST", `${base}/sessions/revoke`, { all: true })}
          >
            {t.adminRevokeAll}
          </button>
        )}
      </section>

      <section className="gh-card gh-danger-zone gh-admin-danger" aria-labelledby="delete-title">
        <h2 id="delete-title">{t.adminDeleteTitle}</h2>
        <p className="gh-muted">{t.adminDeleteBody}</p>
        {!confirmDelete ? (
          <button className="gh-button gh-button-danger" type="button" disabled={pending} onClick={() => setConfirmDelete(true)}>
            {t.adminDeleteUser}
          </button>
        ) : (
          <div className="gh-admin-inline" role="group" aria-label={t.adminConfirmDeletion}>
            <button
              className="gh-button gh-button-danger"
              type="button"
              disabled={pending}
              aria-busy={pending}
              onClick={() => act("DELETE", base, undefined, () => window.location.assign(afterDelete))}
            >
              {t.adminDeletePermanently}
            </button>
            <button className="gh-button-secondary" type="button" onClick={() => setConfirmDelete(false)}>
              {t.adminCancel}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
