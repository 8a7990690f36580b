"use client";

import { useCallback, useEffect, useState } from "react";
import { gatehouseFetch } from "../client";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { deviceName } from "./device-name";
import { pickMessages, type MessagesOf } from "./client-messages";
import { MY_SESSIONS_MESSAGES } from "./account-messages";

const ENGLISH = pickMessages(en, MY_SESSIONS_MESSAGES);

interface DeviceSession {
  sessionHandle: string;
  current: boolean;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
}

export interface MySessionsProps {
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** Where to send the browser when the session is gone. @default "/auth" */
  signInPath?: string;
  /** The strings it shows, `pickMessages(t, MY_SESSIONS_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof MY_SESSIONS_MESSAGES)[number]>;
  /** The language dates are written in, e.g. "de". @default the browser's */
  locale?: string;
}

/** The signed-in user's sessions (devices), with revoke one / revoke all others. Embeddable. */
export function MySessions({ apiBasePath = "/api/auth", signInPath = "/auth", messages: t = ENGLISH, locale }: MySessionsProps) {
  const when = (ms: number) => new Date(ms).toLocaleString(locale);
  const [sessions, setSessions] = useState<DeviceSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const load = useCallback(async () => {
    const response = await gatehouseFetch(`${apiBasePath}/user/sessions`, undefined, { apiBasePath });
    if (response.status === 401) {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full page load on purpose: the session is gone, and lib/ui (embeddable, no next/*) has no router
      window.location.assign(`${signInPath}?redirectToPath=${encodeURIComponent(window.location.pathname)}`);
      return;
    }
    const body = await response.json().catch(() => null);
    if (body?.status === "OK") setSessions(body.sessions);
    else setError(t.sessionsLoadFailed);
  }, [apiBasePath, signInPath, t]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only after its fetch resolves (the rule cannot see the await: react/react#34905)
    void load();
  }, [load]);

  async function revoke(body: { sessionHandle: string } | { allOthers: true }) {
    setPending(true);
    setError(null);
    try {
      const response = await gatehouseFetch(
        `${apiBasePath}/user/sessions/revoke`,
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
        { apiBasePath },
      );
      if (!response.ok) setError(t.sessionRevokeFailed);
      await load();
    } finally {
      setPending(false);
    }
  }

  if (sessions === null)
    return (
      <p className="gh-muted" role="status">
        {error ?? t.loadingSessions}
      </p>
    );
  const others = sessions.filter((s) => !s.current);
  return (
    <section aria-labelledby="my-sessions-title">
      <h1 id="my-sessions-title">{t.sessionsTitle}</h1>
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
      <ul className="gh-session-list" data-testid="session-list">
        {sessions.map((s) => {
          const device = deviceName(s.userAgent, t);
          return (
            <li key={s.sessionHandle} className="gh-card gh-session" data-testid="session" data-current={s.current}>
              <div className="gh-session-text">
                <p>
                  {/* The raw user agent stays one hover away, for whoever needs the detail. */}
                  <strong data-testid="session-device" title={s.userAgent ?? undefined}>
                    {device}
                  </strong>
                  {s.current && (
                    <span className="gh-badge" data-testid="this-device">
                      {t.thisDevice}
                    </span>
                  )}
                </p>
                <p className="gh-muted">
                  {/* The address is the one rule's (lib/http/client-address.ts): unknown unless a trusted proxy vouches for it. */}
                  {format(t.sessionDetails, { ip: s.ip ?? t.unknownIp, createdAt: when(s.createdAt), lastActiveAt: when(s.lastActiveAt) })}
                </p>
              </div>
              {!s.current && (
                <button
                  className="gh-button-secondary"
                  type="button"
                  disabled={pending}
                  aria-label={format(t.signOutDevice, { device })}
                  onClick={() => revoke({ sessionHandle: s.sessionHandle })}
                >
                  {t.signOut}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 && (
        <button
          className="gh-button-secondary gh-button-danger"
          type="button"
          disabled={pending}
          aria-busy={pending}
          onClick={() => revoke({ allOthers: true })}
        >
          {t.signOutOtherDevices}
        </button>
      )}
    </section>
  );
}
